package org.openbds.ethereum.token;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Classifies a contract from its runtime bytecode by the function selectors its dispatcher compares against.
 *
 * <p>A selector is a {@code PUSH4} operand (push data is skipped, so bytes inside other pushes never count) that is
 * either
 *
 * <ol>
 *   <li>before the first {@code JUMPDEST}: ethereum-etl's rule, which fits old compilers whose whole dispatcher came
 *       first (and also catches their {@code 0xffffffff} mask), or
 *   <li>compared right away: followed by {@code EQ}, or by one {@code DUPn} and then {@code EQ}. This is how solc's
 *       dispatcher tests each selector, wherever it sits; newer solc puts a {@code JUMPDEST} before its dispatcher
 *       (after the call-value check) and splits it into several blocks, where ethereum-etl finds nothing.
 * </ol>
 *
 * A selector with leading zero bytes is pushed shorter ({@code balanceOf(address,uint256)}, {@code 0x00fdd58e}, is
 * {@code PUSH3 0xfdd58e}); such a {@code PUSH1}–{@code PUSH3} operand counts, padded to four bytes, only in the
 * dispatcher's exact shape {@code DUP1 PUSHn s EQ PUSHm dest JUMPI}.
 *
 * <p>Selectors pushed after the dispatcher for outgoing calls ({@code PUSH4 s PUSH1 0xe0 SHL}) are not compared and so
 * left out: calling a token does not make a contract look like one. The standards (required functions only):
 *
 * <ul>
 *   <li>ERC-20: totalSupply, balanceOf, transfer, transferFrom, approve, allowance;
 *   <li>ERC-721: ownerOf, balanceOf, approve and either transferFrom or transfer (ethereum-etl's rule, which early
 *       contracts such as CryptoKitties pass);
 *   <li>ERC-1155: safeTransferFrom, safeBatchTransferFrom, balanceOf(address,uint256), balanceOfBatch,
 *       setApprovalForAll, isApprovedForAll.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class ContractClassifier {
  private static final int JUMPDEST = 0x5b;
  private static final int PUSH1 = 0x60;
  private static final int PUSH4 = 0x63;
  private static final int PUSH32 = 0x7f;
  private static final int EQ = 0x14;
  private static final int JUMPI = 0x57;
  private static final int DUP1 = 0x80;
  private static final int DUP16 = 0x8f;
  private static final HexFormat HEX = HexFormat.of();

  private static final Set<String> ERC20 =
      selectors(
          "totalSupply()",
          "balanceOf(address)",
          "transfer(address,uint256)",
          "transferFrom(address,address,uint256)",
          "approve(address,uint256)",
          "allowance(address,address)");
  private static final Set<String> ERC721 =
      selectors("ownerOf(uint256)", "balanceOf(address)", "approve(address,uint256)");
  private static final Set<String> ERC721_ANY_TRANSFER =
      selectors("transferFrom(address,address,uint256)", "transfer(address,uint256)");
  private static final Set<String> ERC1155 =
      selectors(
          "safeTransferFrom(address,address,uint256,uint256,bytes)",
          "safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)",
          "balanceOf(address,uint256)",
          "balanceOfBatch(address[],uint256[])",
          "setApprovalForAll(address,bool)",
          "isApprovedForAll(address,address)");

  /**
   * Classifies {@code "0x"} + hex runtime code; {@code "0x"} (no code) has no selectors and the empty code hash.
   *
   * @throws BdsException {@link ErrorCode#INVALID_ARGUMENT} when the text is not hex bytes
   */
  public ContractClassification classify(String bytecodeHex) {
    Optional<byte[]> code = AbiWords.parseHex(bytecodeHex);
    if (code.isEmpty()) {
      throw new BdsException(
          ErrorCode.INVALID_ARGUMENT, "bytecode is not 0x-prefixed hex bytes: " + abbreviate(bytecodeHex));
    }
    List<String> selectors = functionSelectors(code.get());
    return new ContractClassification(
        Keccak256.hashHex(code.get()),
        selectors,
        selectors.containsAll(ERC20),
        selectors.containsAll(ERC721) && ERC721_ANY_TRANSFER.stream().anyMatch(selectors::contains),
        selectors.containsAll(ERC1155));
  }

  /** The selectors by the rule in the class comment, distinct and sorted. */
  static List<String> functionSelectors(byte[] code) {
    List<Instruction> instructions = disassemble(code);
    Set<String> found = new TreeSet<>();
    boolean beforeFirstJumpDest = true;
    for (int i = 0; i < instructions.size(); i++) {
      Instruction instruction = instructions.get(i);
      if (instruction.opcode() == JUMPDEST) {
        beforeFirstJumpDest = false;
      }
      if (instruction.opcode() == PUSH4 && (beforeFirstJumpDest || comparedNext(instructions, i))) {
        found.add(instruction.operand());
      } else if (instruction.opcode() >= PUSH1 && instruction.opcode() < PUSH4 && dispatched(instructions, i)) {
        // solc pushes a selector with leading zero bytes in fewer bytes (balanceOf(address,uint256) = 0x00fdd58e is
        // PUSH3 0xfdd58e): counted in the dispatcher's own shape only, DUP1 PUSHn s EQ PUSHm dest JUMPI
        String digits = instruction.operand().substring(2);
        found.add("0x" + "0".repeat(8 - digits.length()) + digits);
      }
    }
    return new ArrayList<>(found);
  }

  private static boolean comparedNext(List<Instruction> instructions, int push) {
    int next = push + 1;
    if (next < instructions.size() && isDup(instructions.get(next).opcode())) {
      next++;
    }
    return next < instructions.size() && instructions.get(next).opcode() == EQ;
  }

  private static boolean dispatched(List<Instruction> instructions, int push) {
    return push > 0
        && push + 3 < instructions.size()
        && instructions.get(push - 1).opcode() == DUP1
        && instructions.get(push + 1).opcode() == EQ
        && instructions.get(push + 2).opcode() >= PUSH1
        && instructions.get(push + 2).opcode() <= PUSH32
        && instructions.get(push + 3).opcode() == JUMPI;
  }

  private static boolean isDup(int opcode) {
    return opcode >= DUP1 && opcode <= DUP16;
  }

  /**
   * Instructions in code order; a push's operand is {@code "0x"} + hex for {@code PUSH1} to {@code PUSH4} only. A push cut short by the
   * end of the code ends the listing: its bytes are not a whole operand.
   */
  private static List<Instruction> disassemble(byte[] code) {
    List<Instruction> out = new ArrayList<>();
    int pc = 0;
    while (pc < code.length) {
      int opcode = code[pc] & 0xff;
      int pushBytes = opcode >= PUSH1 && opcode <= PUSH32 ? opcode - PUSH1 + 1 : 0;
      if (pc + 1 + pushBytes > code.length) {
        break;
      }
      String operand = opcode >= PUSH1 && opcode <= PUSH4 ? "0x" + HEX.formatHex(code, pc + 1, pc + 1 + pushBytes) : "";
      out.add(new Instruction(opcode, operand));
      pc += 1 + pushBytes;
    }
    return out;
  }

  private static Set<String> selectors(String... signatures) {
    Set<String> out = new TreeSet<>();
    for (String signature : signatures) {
      out.add(Keccak256.selector(signature));
    }
    return Set.copyOf(out);
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 40 ? String.valueOf(text) : text.substring(0, 40) + "…";
  }

  private record Instruction(int opcode, String operand) {}
}

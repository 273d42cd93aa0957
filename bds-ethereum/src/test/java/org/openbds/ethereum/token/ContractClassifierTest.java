package org.openbds.ethereum.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class ContractClassifierTest {
  private static final String[] ERC20 = {
    "totalSupply()", "balanceOf(address)", "transfer(address,uint256)", "transferFrom(address,address,uint256)",
    "approve(address,uint256)", "allowance(address,address)"
  };
  private static final String[] ERC1155 = {
    "safeTransferFrom(address,address,uint256,uint256,bytes)",
    "safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)", "balanceOf(address,uint256)",
    "balanceOfBatch(address[],uint256[])", "setApprovalForAll(address,bool)", "isApprovedForAll(address,address)"
  };

  private final ContractClassifier classifier = new ContractClassifier();

  @Test
  void everyPush4BeforeTheFirstJumpDestCounts() {
    // PUSH4 ffffffff, PUSH4 12345678, POP, JUMPDEST, PUSH4 87654321 (not compared), POP
    ContractClassification c = classifier.classify("0x63ffffffff631234567850" + "5b" + "638765432150");

    assertThat(c.functionSelectors()).containsExactly("0x12345678", "0xffffffff");
  }

  @Test
  void afterTheFirstJumpDestOnlyComparedPush4sCount() {
    String code =
        "0x5b"
            + "8063a9059cbb14610100" + "57" // DUP1 PUSH4 s EQ PUSH2 JUMPI: newer solc
            + "6370a082318114610200" + "57" // PUSH4 s DUP2 EQ PUSH2 JUMPI: older solc
            + "6323b872dd60e01b" // PUSH4 s PUSH1 e0 SHL: the selector of an outgoing call
            + "63095ea7b381" + "16"; // PUSH4 s DUP2 AND: not a comparison

    assertThat(classifier.classify(code).functionSelectors()).containsExactly("0x70a08231", "0xa9059cbb");
  }

  @Test
  void selectorsWithLeadingZeroBytesArePushedShorterAndCountOnlyInTheDispatchersShape() {
    String code =
        "0x5b"
            + "8062fdd58e14610100" + "57" // DUP1 PUSH3 fdd58e EQ PUSH2 JUMPI: balanceOf(address,uint256) = 0x00fdd58e
            + "80600114610200" + "57" // DUP1 PUSH1 01 EQ PUSH2 JUMPI: selector 0x00000001
            + "600214" // PUSH1 02 EQ: a comparison with a small number, not a dispatch
            + "8062abcdef14" + "50"; // DUP1 PUSH3 s EQ POP: no jump, no dispatch

    assertThat(classifier.classify(code).functionSelectors()).containsExactly("0x00000001", "0x00fdd58e");
  }

  @Test
  void pushDataIsSkipped() {
    // PUSH32 whose data holds "PUSH4 a9059cbb EQ" and a JUMPDEST byte; then PUSH0 and STOP
    String code = "0x7f" + "8063a9059cbb14" + "5b" + "00".repeat(24) + "5f00";

    assertThat(classifier.classify(code).functionSelectors()).isEmpty();
  }

  @Test
  void aPushCutShortByTheEndOfTheCodeIsNoSelector() {
    assertThat(classifier.classify("0x6363a905").functionSelectors()).isEmpty();
    assertThat(classifier.classify("0x63a9059cbb63a905").functionSelectors()).containsExactly("0xa9059cbb");
  }

  @Test
  void noCodeHasTheEmptyCodeHashAndNoStandard() {
    assertThat(classifier.classify("0x"))
        .isEqualTo(new ContractClassification(
            "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", List.of(), false, false,
            false));
  }

  @Test
  void bytecodeThatIsNotHexIsAnInvalidArgument() {
    for (String bad : new String[] {"6060", "0x606", "0xgg"}) {
      assertThatThrownBy(() -> classifier.classify(bad))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
  }

  @Test
  void erc20NeedsAllSixFunctions() {
    ContractClassification erc20 = classifier.classify(dispatcher(ERC20));
    assertThat(erc20.isErc20()).isTrue();
    assertThat(erc20.isErc721()).isFalse();
    assertThat(erc20.isErc1155()).isFalse();

    String[] noAllowance = Arrays.copyOf(ERC20, 5);
    assertThat(classifier.classify(dispatcher(noAllowance)).isErc20()).isFalse();
  }

  @Test
  void erc721NeedsOwnerOfBalanceOfApproveAndEitherTransfer() {
    assertThat(classifier.classify(dispatcher("ownerOf(uint256)", "balanceOf(address)", "approve(address,uint256)",
        "transferFrom(address,address,uint256)")).isErc721()).isTrue();
    // CryptoKitties-era contracts had transfer(address,uint256) instead
    assertThat(classifier.classify(dispatcher("ownerOf(uint256)", "balanceOf(address)", "approve(address,uint256)",
        "transfer(address,uint256)")).isErc721()).isTrue();
    assertThat(classifier.classify(dispatcher("ownerOf(uint256)", "balanceOf(address)", "approve(address,uint256)"))
        .isErc721()).isFalse();
    assertThat(classifier.classify(dispatcher("ownerOf(uint256)", "balanceOf(address)",
        "transferFrom(address,address,uint256)")).isErc721()).isFalse();
  }

  @Test
  void erc1155NeedsAllSixFunctions() {
    ContractClassification erc1155 = classifier.classify(dispatcher(ERC1155));
    assertThat(erc1155.isErc1155()).isTrue();
    assertThat(erc1155.isErc20()).isFalse();
    assertThat(erc1155.isErc721()).isFalse();
    assertThat(erc1155.functionSelectors())
        .containsExactly("0x00fdd58e", "0x2eb2c2d6", "0x4e1273f4", "0xa22cb465", "0xe985e9c5", "0xf242432a");

    assertThat(classifier.classify(dispatcher(Arrays.copyOf(ERC1155, 5))).isErc1155()).isFalse();
  }

  /** A newer-solc dispatcher after a JUMPDEST: {@code DUP1 PUSH4 s EQ PUSH2 0 JUMPI} per function. */
  private static String dispatcher(String... signatures) {
    StringBuilder code = new StringBuilder("0x5b");
    for (String signature : signatures) {
      code.append("8063").append(Keccak256.selector(signature).substring(2)).append("14610000").append("57");
    }
    return code.toString();
  }
}

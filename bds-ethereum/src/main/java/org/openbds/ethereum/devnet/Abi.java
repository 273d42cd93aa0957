package org.openbds.ethereum.devnet;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** Contract-call encoding (Solidity ABI) and the few decodings the devnet needs. Stateless. */
public final class Abi {
  private static final int WORD = 32;

  private Abi() {}

  /** Keccak-256 of {@code data}, as Ethereum uses it (not NIST SHA3-256). */
  public static byte[] keccak256(byte[] data) {
    return new Keccak.Digest256().digest(data);
  }

  /** The 4-byte selector of a function signature such as {@code transfer(address,uint256)}, as 8 hex digits. */
  public static String selector(String signature) {
    return Hex.digits(keccak256(signature.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
  }

  /** The topic of an event signature such as {@code Transfer(address,address,uint256)}, as 0x-prefixed hex. */
  public static String eventTopic(String signature) {
    return "0x" + Hex.digits(keccak256(signature.getBytes(StandardCharsets.UTF_8)));
  }

  /** Call data: the selector of {@code signature}, then the encoded arguments, as 0x-prefixed hex. */
  public static String call(String signature, AbiValue... arguments) {
    return "0x" + selector(signature) + Hex.digits(encode(List.of(arguments)));
  }

  /** The ABI encoding of a tuple of arguments (heads, then tails of the dynamic ones). */
  public static byte[] encode(List<AbiValue> arguments) {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    int headSize = arguments.size() * WORD;
    for (AbiValue argument : arguments) {
      if (argument.dynamic()) {
        head.writeBytes(Hex.uintWord(BigInteger.valueOf(headSize + tail.size())));
        tail.writeBytes(dynamicPart(argument));
      } else {
        head.writeBytes(((AbiValue.Word) argument).word());
      }
    }
    head.writeBytes(tail.toByteArray());
    return head.toByteArray();
  }

  private static byte[] dynamicPart(AbiValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (value instanceof AbiValue.Bytes bytes) {
      byte[] b = bytes.value();
      out.writeBytes(Hex.uintWord(BigInteger.valueOf(b.length)));
      out.writeBytes(b);
      out.writeBytes(new byte[(WORD - b.length % WORD) % WORD]);
    } else if (value instanceof AbiValue.WordArray array) {
      out.writeBytes(Hex.uintWord(BigInteger.valueOf(array.words().size())));
      array.words().forEach(out::writeBytes);
    } else {
      throw new IllegalArgumentException("not a dynamic ABI value: " + value);
    }
    return out.toByteArray();
  }

  /** The 32-byte words of a call result ({@code 0x…}); a result that is not whole words is malformed. */
  public static List<BigInteger> words(String what, String result) {
    byte[] bytes = Hex.bytes(what, result);
    if (bytes.length % WORD != 0) {
      throw new BdsException(ErrorCode.MALFORMED_RESPONSE, what + ": a call result of " + bytes.length + " bytes is not whole 32-byte words");
    }
    List<BigInteger> words = new ArrayList<>(bytes.length / WORD);
    for (int i = 0; i < bytes.length; i += WORD) {
      byte[] word = new byte[WORD];
      System.arraycopy(bytes, i, word, 0, WORD);
      words.add(new BigInteger(1, word));
    }
    return words;
  }

  /** The only word of a single-word call result, such as {@code balanceOf}'s. */
  public static BigInteger uint(String what, String result) {
    List<BigInteger> words = words(what, result);
    if (words.size() != 1) {
      throw new BdsException(ErrorCode.MALFORMED_RESPONSE, what + ": expected one 32-byte word, got " + words.size());
    }
    return words.get(0);
  }

  /** The address in a word (its low 20 bytes), lower-case 0x-prefixed. */
  public static String address(BigInteger word) {
    if (word.bitLength() > 160) {
      throw new BdsException(ErrorCode.MALFORMED_RESPONSE, "not an address word: 0x" + word.toString(16));
    }
    return "0x" + String.format("%40s", word.toString(16)).replace(' ', '0');
  }
}

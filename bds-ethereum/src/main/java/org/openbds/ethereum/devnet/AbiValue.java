package org.openbds.ethereum.devnet;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One argument of a contract call, typed as the ABI types it: a static word ({@code address}, {@code uint256},
 * {@code bytes32}, {@code bool}) or a dynamic value ({@code bytes}, {@code string}, {@code address[]},
 * {@code uint256[]}). Only what the devnet contracts take.
 */
public sealed interface AbiValue {
  /** Whether the value is encoded in the tail, with an offset in the head. */
  boolean dynamic();

  static AbiValue address(String address) {
    return new Word(Hex.addressWord(address));
  }

  static AbiValue uint(BigInteger value) {
    return new Word(Hex.uintWord(value));
  }

  static AbiValue uint(long value) {
    return uint(BigInteger.valueOf(value));
  }

  static AbiValue bool(boolean value) {
    return uint(value ? 1 : 0);
  }

  static AbiValue bytes32(byte[] value) {
    if (value.length != 32) {
      throw new IllegalArgumentException("bytes32 needs 32 bytes, got " + value.length);
    }
    return new Word(value);
  }

  static AbiValue bytes(byte[] value) {
    return new Bytes(value);
  }

  static AbiValue string(String value) {
    return new Bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  static AbiValue addresses(List<String> addresses) {
    return new WordArray(addresses.stream().map(Hex::addressWord).toList());
  }

  static AbiValue uints(List<BigInteger> values) {
    return new WordArray(values.stream().map(Hex::uintWord).toList());
  }

  /** A 32-byte static value. */
  final class Word implements AbiValue {
    private final byte[] word;

    Word(byte[] word) {
      this.word = word.clone();
    }

    byte[] word() {
      return word.clone();
    }

    @Override
    public boolean dynamic() {
      return false;
    }
  }

  /** {@code bytes} or {@code string}: length, then the bytes padded to whole words. */
  final class Bytes implements AbiValue {
    private final byte[] value;

    Bytes(byte[] value) {
      this.value = value.clone();
    }

    byte[] value() {
      return value.clone();
    }

    @Override
    public boolean dynamic() {
      return true;
    }
  }

  /** An array of static words: length, then the words. */
  final class WordArray implements AbiValue {
    private final List<byte[]> words;

    WordArray(List<byte[]> words) {
      this.words = words.stream().map(byte[]::clone).toList();
    }

    List<byte[]> words() {
      return words.stream().map(byte[]::clone).toList();
    }

    @Override
    public boolean dynamic() {
      return true;
    }
  }
}

package org.openbds.ethereum.token;

/**
 * Why a log that carries a token event's topic 0 was not turned into transfers. Anyone can emit any topic, so these
 * are expected on mainnet; callers count them rather than fail.
 */
public enum TransferSkipReason {
  /** The number of topics fits no layout of the event (e.g. a {@code Transfer} with no indexed arguments). */
  UNEXPECTED_TOPIC_COUNT,
  /** The data length does not match the layout the topic count selects. */
  UNEXPECTED_DATA_LENGTH,
  /** The data is not {@code "0x"} + an even number of hex digits. */
  MALFORMED_DATA,
  /** An address argument has non-zero bytes above its 20 address bytes. */
  NOT_AN_ADDRESS,
  /** A {@code TransferBatch} array offset or length points outside the data. */
  ARRAY_OUT_OF_BOUNDS,
  /** A {@code TransferBatch} has a different number of ids and values. */
  ARRAY_LENGTH_MISMATCH
}

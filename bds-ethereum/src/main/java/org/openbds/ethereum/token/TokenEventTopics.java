package org.openbds.ethereum.token;

import org.openbds.api.Hash32;

/**
 * Topic 0 of the token events this package decodes. Written out rather than hashed at start-up so that a reader can
 * grep for them; a test recomputes each from its signature.
 */
public final class TokenEventTopics {
  /** ERC-20 and ERC-721: which of the two is told by the number of indexed arguments. */
  public static final String TRANSFER_SIGNATURE = "Transfer(address,address,uint256)";

  public static final String TRANSFER_SINGLE_SIGNATURE = "TransferSingle(address,address,address,uint256,uint256)";
  public static final String TRANSFER_BATCH_SIGNATURE = "TransferBatch(address,address,address,uint256[],uint256[])";

  public static final Hash32 TRANSFER =
      Hash32.parse("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
  public static final Hash32 TRANSFER_SINGLE =
      Hash32.parse("c3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62");
  public static final Hash32 TRANSFER_BATCH =
      Hash32.parse("4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb");

  private TokenEventTopics() {}
}

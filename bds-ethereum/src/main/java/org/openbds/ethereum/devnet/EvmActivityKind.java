package org.openbds.ethereum.devnet;

/** The kinds of transaction {@link EvmActivity} makes, for counting and for a demo to print. */
public enum EvmActivityKind {
  DEPLOYMENT("contract deployments"),
  ETH_LEGACY("ether transfers as legacy (type 0) transactions"),
  ETH_ACCESS_LIST("ether transfers as access-list (type 1) transactions"),
  ETH_DYNAMIC_FEE("ether transfers as EIP-1559 (type 2) transactions"),
  TOKEN_MINT("ERC-20 mints"),
  TOKEN_TRANSFER("ERC-20 transfers"),
  TOKEN_APPROVE("ERC-20 approvals"),
  TOKEN_TRANSFER_FROM("ERC-20 transfers by an approved spender"),
  NFT_MINT("ERC-721 mints"),
  NFT_TRANSFER("ERC-721 transferFrom calls"),
  NFT_SAFE_TRANSFER("ERC-721 safeTransferFrom calls"),
  MULTI_MINT("ERC-1155 mints"),
  MULTI_TRANSFER("ERC-1155 single transfers"),
  MULTI_BATCH_TRANSFER("ERC-1155 batch transfers"),
  NESTED_FORWARD("ether forwarded through nested calls"),
  REVERTED_INNER_CALL("calls whose caught inner call reverted after moving ether"),
  CREATE_WITH_VALUE("contracts created with value by CREATE"),
  CREATE2_WITH_VALUE("contracts created with value by CREATE2"),
  CREATE_AND_SELFDESTRUCT("contracts created and self-destructed in one transaction"),
  SELFDESTRUCT("SELFDESTRUCTs of contracts created earlier"),
  FAILED("failed (reverted) top-level transactions"),
  BULK_ETH_TRANSFER("bulk ether transfers"),
  BULK_TOKEN_TRANSFER("bulk ERC-20 transfers");

  private final String description;

  EvmActivityKind(String description) {
    this.description = description;
  }

  /** A plain-English plural, e.g. "ERC-20 mints". */
  public String description() {
    return description;
  }
}

package org.openbds.ethereum.split;

import static org.openbds.api.Column.nullable;
import static org.openbds.api.Column.required;
import static org.openbds.api.ColumnType.BIGINT;
import static org.openbds.api.ColumnType.BIG_INTEGER;
import static org.openbds.api.ColumnType.BOOLEAN;
import static org.openbds.api.ColumnType.INTEGER;
import static org.openbds.api.ColumnType.TIMESTAMP;
import static org.openbds.api.ColumnType.VARCHAR;
import static org.openbds.api.ColumnType.VARCHAR_LIST;

import java.util.List;
import org.openbds.api.Column;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;

/**
 * The warehouse tables and views of an Ethereum-family chain. Hashes, addresses and byte strings are {@code 0x} and
 * lowercase hex, as nodes print them. Every amount is an exact integer in wei (BIG_INTEGER: up to 2^256 - 1, never
 * rounded), token amounts and ids in the token's own units.
 */
public final class EthTables {
  public static final String BLOCKS = "blocks";
  public static final String TRANSACTIONS = "transactions";
  public static final String LOGS = "logs";
  public static final String TRACES = "traces";
  public static final String CONTRACTS = "contracts";
  public static final String TOKEN_TRANSFERS = "token_transfers";
  public static final String TOKENS = "tokens";
  public static final String WITHDRAWALS = "withdrawals";
  public static final String UNCLES = "uncles";
  public static final String BALANCE_CHANGES = "balance_changes";
  public static final String TOKEN_OPENINGS = "token_openings";

  /** The kinds of native balance change, in the order of the enumeration. */
  public static final List<String> CHANGE_KINDS =
      List.of("opening", "value", "fee", "miner_fee", "block_reward", "uncle_reward", "withdrawal");

  public static final List<String> TOKEN_STANDARDS = List.of("erc20", "erc721", "erc1155");

  private EthTables() {}

  public static final TableSchema BLOCKS_TABLE =
      new TableSchema(
          BLOCKS,
          "One row per block of the best chain.",
          "number",
          List.of(
              required("number", BIGINT, "Block number (genesis = 0)."),
              required("hash", VARCHAR, "Block hash."),
              required("parent_hash", VARCHAR, "Hash of the parent block."),
              required("timestamp", TIMESTAMP, "Block time, UTC."),
              required("miner", VARCHAR, "Fee recipient (coinbase): the miner, or the validator's fee recipient after the merge."),
              required("difficulty", BIG_INTEGER, "Proof-of-work difficulty; 0 after the merge."),
              nullable("total_difficulty", BIG_INTEGER, "Total difficulty up to this block, where the node reports it."),
              required("size", BIGINT, "Block size in bytes (RLP)."),
              required("gas_limit", BIGINT, "Gas limit."),
              required("gas_used", BIGINT, "Gas used by all transactions."),
              nullable("base_fee_per_gas", BIG_INTEGER, "EIP-1559 base fee per gas in wei; NULL before London and on chains without it."),
              nullable("burnt_fees", BIG_INTEGER, "Wei destroyed by the block: base fee times gas used plus blob fees; NULL where nothing is burnt."),
              required("transaction_count", INTEGER, "Number of transactions."),
              required("uncle_count", INTEGER, "Number of uncles (ommers) included."),
              nullable("withdrawal_count", INTEGER, "Number of beacon-chain withdrawals; NULL before Shanghai."),
              required("nonce", VARCHAR, "Proof-of-work nonce (8 bytes hex)."),
              nullable("mix_hash", VARCHAR, "Mix hash (PoW) or prevRandao (PoS)."),
              required("sha3_uncles", VARCHAR, "Hash of the uncle list."),
              required("logs_bloom", VARCHAR, "Bloom filter of the block's logs."),
              required("transactions_root", VARCHAR, "Root of the transaction trie."),
              required("state_root", VARCHAR, "Root of the state trie after the block."),
              required("receipts_root", VARCHAR, "Root of the receipt trie."),
              required("extra_data", VARCHAR, "Extra data field."),
              nullable("withdrawals_root", VARCHAR, "Root of the withdrawals trie; NULL before Shanghai."),
              nullable("blob_gas_used", BIGINT, "Blob gas used (EIP-4844); NULL before Cancun."),
              nullable("excess_blob_gas", BIGINT, "Excess blob gas (EIP-4844); NULL before Cancun."),
              nullable("parent_beacon_block_root", VARCHAR, "Parent beacon block root (EIP-4788); NULL before Cancun."),
              nullable("requests_hash", VARCHAR, "Execution requests hash (EIP-7685); NULL before Prague.")));

  public static final TableSchema TRANSACTIONS_TABLE =
      new TableSchema(
          TRANSACTIONS,
          "One row per transaction, with its receipt.",
          "block_number",
          List.of(
              required("hash", VARCHAR, "Transaction hash."),
              required("block_number", BIGINT, "Number of the containing block."),
              required("transaction_index", INTEGER, "Position in the block."),
              required("block_timestamp", TIMESTAMP, "Block time, UTC."),
              required("from_address", VARCHAR, "Sender."),
              nullable("to_address", VARCHAR, "Recipient; NULL for a contract creation."),
              required("value", BIG_INTEGER, "Wei sent with the top-level call (moved only when the transaction succeeded)."),
              required("nonce", BIGINT, "Sender's nonce."),
              required("gas", BIGINT, "Gas limit."),
              nullable("gas_price", BIG_INTEGER, "Gas price in wei (legacy and access-list transactions)."),
              nullable("max_fee_per_gas", BIG_INTEGER, "Fee cap (types 2, 3, 4)."),
              nullable("max_priority_fee_per_gas", BIG_INTEGER, "Priority fee cap (types 2, 3, 4)."),
              nullable("max_fee_per_blob_gas", BIG_INTEGER, "Blob fee cap (type 3)."),
              required("blob_count", INTEGER, "Number of blob versioned hashes (type 3)."),
              required("transaction_type", INTEGER, "0 legacy, 1 access list (EIP-2930), 2 dynamic fee (EIP-1559), 3 blob (EIP-4844), 4 set code (EIP-7702)."),
              nullable("chain_id", BIGINT, "Chain id signed into the transaction; NULL for pre-EIP-155 legacy transactions."),
              required("access_list_entries", INTEGER, "Number of access-list entries."),
              required("authorization_count", INTEGER, "Number of EIP-7702 authorizations."),
              required("input", VARCHAR, "Call data."),
              nullable("status", INTEGER, "1 success, 0 failure (from Byzantium on); NULL for older receipts."),
              required("gas_used", BIGINT, "Gas used by the transaction."),
              required("cumulative_gas_used", BIGINT, "Gas used in the block up to and including this transaction."),
              required("effective_gas_price", BIG_INTEGER, "Wei paid per gas."),
              nullable("blob_gas_used", BIGINT, "Blob gas used (type 3)."),
              nullable("blob_gas_price", BIG_INTEGER, "Wei per blob gas (type 3)."),
              required("fee", BIG_INTEGER, "Wei paid by the sender: gas_used * effective_gas_price + blob_gas_used * blob_gas_price."),
              nullable("burnt_fee", BIG_INTEGER, "Part of the fee destroyed: gas_used * base fee + the blob fee; NULL where the chain burns nothing."),
              nullable("contract_address", VARCHAR, "Address of the contract created by a successful creation."),
              nullable("root", VARCHAR, "Post-state root in pre-Byzantium receipts."),
              required("log_count", INTEGER, "Number of logs emitted.")));

  public static final TableSchema LOGS_TABLE =
      new TableSchema(
          LOGS,
          "One row per event log.",
          "block_number",
          List.of(
              required("block_number", BIGINT, "Number of the block."),
              required("log_index", INTEGER, "Position of the log in the block."),
              required("transaction_hash", VARCHAR, "Emitting transaction."),
              required("transaction_index", INTEGER, "Position of that transaction in the block."),
              required("address", VARCHAR, "Emitting contract."),
              nullable("topic0", VARCHAR, "First topic (the event signature hash for non-anonymous events)."),
              nullable("topic1", VARCHAR, "Second topic."),
              nullable("topic2", VARCHAR, "Third topic."),
              nullable("topic3", VARCHAR, "Fourth topic."),
              required("data", VARCHAR, "Non-indexed data.")));

  public static final TableSchema TRACES_TABLE =
      new TableSchema(
          TRACES,
          "One row per node of each transaction's call tree (and Parity-style reward traces), the same whether the node answered trace_block or debug_traceBlockByNumber.",
          "block_number",
          List.of(
              required("block_number", BIGINT, "Number of the block."),
              required("trace_index", INTEGER, "Position of the trace in the block, depth first."),
              nullable("transaction_hash", VARCHAR, "Transaction; NULL for reward traces."),
              nullable("transaction_index", INTEGER, "Position of the transaction in the block."),
              required("trace_address", VARCHAR, "Path from the transaction's top call, indexes joined by commas; empty for the top call."),
              required("depth", INTEGER, "0 for a top call, 1 for its direct subcalls, …"),
              Column.enumeration("trace_type", List.of("call", "create", "suicide", "reward"), false, "Kind of trace."),
              nullable("call_type", VARCHAR, "call, callcode, delegatecall or staticcall."),
              nullable("reward_type", VARCHAR, "block or uncle, for reward traces."),
              nullable("from_address", VARCHAR, "Caller, creator or destroyed contract."),
              nullable("to_address", VARCHAR, "Callee, created contract or beneficiary."),
              required("value", BIG_INTEGER, "Wei moved by this frame (when it did not revert)."),
              nullable("input", VARCHAR, "Call data or init code."),
              nullable("output", VARCHAR, "Return data or deployed code."),
              nullable("gas", BIGINT, "Gas given to the frame."),
              nullable("gas_used", BIGINT, "Gas used by the frame."),
              required("subtraces", INTEGER, "Number of direct subcalls."),
              nullable("error", VARCHAR, "The frame's own failure, as the node words it."),
              required("reverted", BOOLEAN, "Whether this frame or an ancestor failed, so that no value of the subtree moved."),
              required("trace_id", VARCHAR, "Identifier as ethereum-etl forms it (type, transaction hash, trace address).")));

  public static final TableSchema CONTRACTS_TABLE =
      new TableSchema(
          CONTRACTS,
          "One row per contract created (by a transaction or internally), from successful create traces.",
          "block_number",
          List.of(
              required("address", VARCHAR, "Contract address."),
              required("block_number", BIGINT, "Block of the creation."),
              required("transaction_hash", VARCHAR, "Creating transaction."),
              required("creator_address", VARCHAR, "Account or contract that created it."),
              required("bytecode_hash", VARCHAR, "Keccak-256 of the deployed runtime code."),
              required("function_sighashes", VARCHAR_LIST, "4-byte selectors found in the runtime code."),
              required("is_erc20", BOOLEAN, "Has the ERC-20 functions."),
              required("is_erc721", BOOLEAN, "Has the ERC-721 functions."),
              required("is_erc1155", BOOLEAN, "Has the ERC-1155 functions.")));

  public static final TableSchema TOKEN_TRANSFERS_TABLE =
      new TableSchema(
          TOKEN_TRANSFERS,
          "One row per token moved: ERC-20 and ERC-721 Transfer events, ERC-1155 TransferSingle and each entry of TransferBatch.",
          "block_number",
          List.of(
              required("block_number", BIGINT, "Number of the block."),
              required("transaction_hash", VARCHAR, "Transaction."),
              required("log_index", INTEGER, "The event's log index."),
              required("batch_index", INTEGER, "Entry of an ERC-1155 batch (0 otherwise)."),
              required("token_address", VARCHAR, "Token contract."),
              Column.enumeration("token_standard", TOKEN_STANDARDS, false, "Standard of the event."),
              nullable("operator_address", VARCHAR, "ERC-1155 operator."),
              required("from_address", VARCHAR, "Sender (the zero address for a mint)."),
              required("to_address", VARCHAR, "Recipient (the zero address for a burn)."),
              required("value", BIG_INTEGER, "Amount in the token's units (1 for an ERC-721 transfer)."),
              nullable("token_id", BIG_INTEGER, "Token id (ERC-721, ERC-1155).")));

  public static final TableSchema TOKENS_TABLE =
      new TableSchema(
          TOKENS,
          "One row per token contract, read with eth_call at the block where its first transfer was seen; NULL where the contract does not answer sensibly.",
          "block_number",
          List.of(
              required("address", VARCHAR, "Token contract."),
              required("block_number", BIGINT, "Block of the first transfer seen; the metadata is read at that block."),
              Column.enumeration("token_standard", TOKEN_STANDARDS, false, "Standard of the first transfer seen."),
              nullable("name", VARCHAR, "name()."),
              nullable("symbol", VARCHAR, "symbol()."),
              nullable("decimals", INTEGER, "decimals()."),
              nullable("total_supply", BIG_INTEGER, "totalSupply() at that block.")));

  public static final TableSchema WITHDRAWALS_TABLE =
      new TableSchema(
          WITHDRAWALS,
          "Beacon-chain withdrawals credited by each block (EIP-4895).",
          "block_number",
          List.of(
              required("block_number", BIGINT, "Number of the block."),
              required("withdrawal_index", BIGINT, "Global withdrawal index."),
              required("validator_index", BIGINT, "Validator."),
              required("address", VARCHAR, "Credited address."),
              required("amount_gwei", BIGINT, "Amount in gwei, as the node reports it."),
              required("amount", BIG_INTEGER, "Amount in wei.")));

  public static final TableSchema UNCLES_TABLE =
      new TableSchema(
          UNCLES,
          "Uncles (ommers) included by each block, with the reward their miners got (proof-of-work chains).",
          "block_number",
          List.of(
              required("block_number", BIGINT, "Number of the including block."),
              required("uncle_index", INTEGER, "Position in the including block's uncle list."),
              required("hash", VARCHAR, "Uncle hash."),
              required("uncle_number", BIGINT, "The uncle's own number."),
              required("miner", VARCHAR, "The uncle's miner."),
              required("reward", BIG_INTEGER, "Wei the uncle's miner got for it.")));

  public static final TableSchema BALANCE_CHANGES_TABLE =
      new TableSchema(
          BALANCE_CHANGES,
          "Every change of a native (ETH, ETC…) balance, so that balances are derived from the chain rather than copied: value moved by calls,"
              + " creations and self-destructs that did not revert, fees paid, fees and rewards received, withdrawals, and an opening balance"
              + " read from the node for each address the first time it is seen (genesis allocations and anything before the synced range).",
          "block_number",
          List.of(
              required("block_number", BIGINT, "Number of the block."),
              nullable("transaction_index", INTEGER, "Position of the transaction in the block; NULL for block-level changes."),
              nullable("transaction_hash", VARCHAR, "Transaction; NULL for block-level changes."),
              required("address", VARCHAR, "Account whose balance changes."),
              Column.enumeration("kind", CHANGE_KINDS, false,
                  "opening (balance before the block where the address is first seen), value (moved by a call, creation or self-destruct),"
                      + " fee (paid by a transaction's sender), miner_fee (the part of fees the fee recipient gets), block_reward,"
                      + " uncle_reward, withdrawal."),
              required("delta", BIG_INTEGER, "Signed change in wei.")));

  public static final TableSchema TOKEN_OPENINGS_TABLE =
      new TableSchema(
          TOKEN_OPENINGS,
          "Token holdings that predate the synced range, so that token balances are right when a sync starts in the middle of a chain:"
              + " for a token contract that already had code at the block before the range, each holding (an ERC-20 holder, an ERC-1155"
              + " holder and id, an ERC-721 id) is read from the contract (balanceOf / ownerOf) at the block before the one where a"
              + " transfer first touches it. Contracts created within the range get no rows: their transfers say everything.",
          "block_number",
          List.of(
              required("block_number", BIGINT, "Block where a transfer first touches the holding; the holding is read at the block before."),
              required("token_address", VARCHAR, "Token contract."),
              Column.enumeration("token_standard", TOKEN_STANDARDS, false, "Standard of the transfer that touched it."),
              required("holder", VARCHAR, "Holder; for ERC-721 the id's owner then, or the zero address when it had none."),
              nullable("token_id", BIG_INTEGER, "Token id (ERC-721, ERC-1155)."),
              nullable("balance", BIG_INTEGER, "Amount held then (1 for an owned ERC-721 id); NULL when the contract gave no usable answer.")));

  public static final List<TableSchema> TABLES =
      List.of(BLOCKS_TABLE, TRANSACTIONS_TABLE, LOGS_TABLE, TRACES_TABLE, CONTRACTS_TABLE, TOKEN_TRANSFERS_TABLE, TOKENS_TABLE,
          WITHDRAWALS_TABLE, UNCLES_TABLE, BALANCE_CHANGES_TABLE, TOKEN_OPENINGS_TABLE);

  public static final ViewSchema ADDRESSES_VIEW =
      new ViewSchema(
          "addresses",
          "Every address with a native balance change, with its balance derived from balance_changes.",
          """
          SELECT address, SUM(delta) AS balance, COUNT(*) AS changes,
                 MIN(block_number) AS first_block, MAX(block_number) AS last_block
          FROM {schema}.balance_changes
          GROUP BY address""",
          List.of(
              nullable("address", VARCHAR, "Address."),
              nullable("balance", BIG_INTEGER, "Native balance in wei at the warehouse's tip."),
              nullable("changes", BIGINT, "Number of balance changes."),
              nullable("first_block", BIGINT, "First block that changed it."),
              nullable("last_block", BIGINT, "Last block that changed it.")));

  public static final ViewSchema TOKEN_BALANCES_VIEW =
      new ViewSchema(
          "token_balances",
          "Token holdings derived from token_transfers and token_openings: per token, holder and token id (NULL for ERC-20).",
          """
          SELECT token_address, token_standard, holder, token_id, SUM(amount) AS balance
          FROM (
            SELECT token_address, token_standard, to_address AS holder, token_id, value AS amount FROM {schema}.token_transfers
            UNION ALL
            SELECT token_address, token_standard, from_address AS holder, token_id, -value AS amount FROM {schema}.token_transfers
            UNION ALL
            SELECT token_address, token_standard, holder, token_id, balance AS amount FROM {schema}.token_openings WHERE balance <> 0) AS movements
          GROUP BY token_address, token_standard, holder, token_id""",
          List.of(
              nullable("token_address", VARCHAR, "Token contract."),
              Column.enumeration("token_standard", TOKEN_STANDARDS, true, "Standard."),
              nullable("holder", VARCHAR, "Holder (the zero address's balance is minus what was minted within the synced range net of burns)."),
              nullable("token_id", BIG_INTEGER, "Token id; NULL for ERC-20."),
              nullable("balance", BIG_INTEGER, "Amount held.")));

  public static final List<ViewSchema> VIEWS = List.of(ADDRESSES_VIEW, TOKEN_BALANCES_VIEW);
}

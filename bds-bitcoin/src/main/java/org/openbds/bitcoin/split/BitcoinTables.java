package org.openbds.bitcoin.split;

import static org.openbds.api.Column.nullable;
import static org.openbds.api.Column.required;
import static org.openbds.api.ColumnType.BIGINT;
import static org.openbds.api.ColumnType.BLOB;
import static org.openbds.api.ColumnType.BOOLEAN;
import static org.openbds.api.ColumnType.DOUBLE;
import static org.openbds.api.ColumnType.INTEGER;
import static org.openbds.api.ColumnType.TIMESTAMP;
import static org.openbds.api.ColumnType.VARCHAR;
import static org.openbds.api.ColumnType.VARCHAR_LIST;

import java.util.List;
import org.openbds.api.Column;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;
import org.openbds.bitcoin.script.ScriptType;

/**
 * The warehouse tables and views of a Bitcoin-family chain. Base tables link rows by integer ids (a chain-wide
 * transaction number {@code tx_id} and a dictionary {@code address_id}) because integer keys load and join far faster
 * than 64-digit hashes; the views {@code inputs}, {@code outputs} and {@code addresses} present the same data with
 * txids and addresses spelled out. Amounts are integers in the chain's base unit (satoshi).
 */
public final class BitcoinTables {
  public static final String BLOCKS = "blocks";
  public static final String TRANSACTIONS = "transactions";
  public static final String TX_INPUTS = "tx_inputs";
  public static final String TX_OUTPUTS = "tx_outputs";
  public static final String ADDRESS_DICTIONARY = "address_dictionary";
  public static final String INPUT_SCRIPTS = "input_scripts";
  public static final String OUTPUT_SCRIPTS = "output_scripts";

  private BitcoinTables() {}

  /** Every script type's name, in {@link ScriptType} order. */
  static final List<String> SCRIPT_TYPES =
      java.util.Arrays.stream(ScriptType.values()).map(ScriptType::sqlName).collect(java.util.stream.Collectors.toUnmodifiableList());

  public static final TableSchema BLOCKS_TABLE =
      new TableSchema(
          BLOCKS,
          "One row per block of the best chain.",
          "height",
          List.of(
              required("height", BIGINT, "Height of the block (genesis = 0)."),
              required("hash", VARCHAR, "Block hash, 64 hex digits as node RPCs print it."),
              required("prev_hash", VARCHAR, "Hash of the parent block (all zeros for genesis)."),
              required("time", TIMESTAMP, "Block time from the header, UTC."),
              required("version", INTEGER, "Header version field (signed 32-bit, as nodes print it)."),
              required("merkle_root", VARCHAR, "Merkle root of the transaction ids; verified on import."),
              required("bits", BIGINT, "Compact proof-of-work target (nBits) as an unsigned integer."),
              required("nonce", BIGINT, "Header nonce (unsigned 32-bit)."),
              required("difficulty", DOUBLE, "Difficulty derived from bits (a float, as nodes report it)."),
              required("size", INTEGER, "Serialized size in bytes, witness included."),
              required("stripped_size", INTEGER, "Size without witness data."),
              required("weight", INTEGER, "BIP141 weight: stripped_size * 3 + size."),
              required("tx_count", INTEGER, "Number of transactions, coinbase included."),
              required("input_count", INTEGER, "Number of inputs, coinbase inputs excluded."),
              required("output_count", INTEGER, "Number of outputs."),
              required("output_value", BIGINT, "Sum of all output values, coinbase included."),
              nullable("fee", BIGINT, "Sum of the fees of the non-coinbase transactions; NULL when any spent output is unknown."),
              required("coinbase_value", BIGINT, "Sum of the coinbase outputs (subsidy plus fees claimed)."),
              required("coinbase_data", BLOB, "The coinbase input's script (height push, extra nonce, pool tags)."),
              required("first_tx_id", BIGINT, "tx_id of the block's coinbase; its transactions are first_tx_id .. first_tx_id + tx_count - 1.")));

  public static final TableSchema TRANSACTIONS_TABLE =
      new TableSchema(
          TRANSACTIONS,
          "One row per transaction.",
          "block_height",
          List.of(
              required("tx_id", BIGINT, "Chain-wide transaction number in chain order (0 = genesis coinbase); the key other tables use."),
              required("txid", VARCHAR, "Transaction id (hash without witness), 64 hex digits."),
              nullable("wtxid", VARCHAR, "Witness transaction id; NULL when the transaction carries no witness (then it equals txid)."),
              required("block_height", BIGINT, "Height of the containing block."),
              required("position", INTEGER, "Index within the block (0 = coinbase)."),
              required("time", TIMESTAMP, "Block time, UTC."),
              required("version", INTEGER, "Transaction version (signed 32-bit)."),
              required("lock_time", BIGINT, "nLockTime (unsigned 32-bit)."),
              required("size", INTEGER, "Serialized size in bytes, witness included."),
              required("vsize", INTEGER, "Virtual size: ceil(weight / 4)."),
              required("weight", INTEGER, "BIP141 weight."),
              required("is_coinbase", BOOLEAN, "Whether this is the block's coinbase."),
              required("has_witness", BOOLEAN, "Whether the transaction carries witness data (a segwit transaction)."),
              required("input_count", INTEGER, "Number of inputs as serialized (a coinbase has one)."),
              required("output_count", INTEGER, "Number of outputs."),
              nullable("input_value", BIGINT, "Sum of the spent outputs' values; 0 for a coinbase; NULL when any spent output is unknown."),
              required("output_value", BIGINT, "Sum of the output values."),
              nullable("fee", BIGINT, "input_value - output_value; 0 for a coinbase; NULL when input_value is unknown.")));

  public static final TableSchema TX_INPUTS_TABLE =
      new TableSchema(
          TX_INPUTS,
          "One row per transaction input, with the spent output resolved by the importer's own UTXO index.",
          "block_height",
          List.of(
              required("tx_id", BIGINT, "The spending transaction (transactions.tx_id)."),
              required("vin", INTEGER, "Index of the input within the transaction."),
              required("block_height", BIGINT, "Height of the spending block."),
              required("is_coinbase", BOOLEAN, "Whether this is a coinbase input (it spends nothing)."),
              nullable("spent_tx_id", BIGINT, "tx_id of the transaction whose output is spent; NULL for a coinbase or when unknown."),
              nullable("spent_vout", BIGINT, "Index of the spent output; NULL for a coinbase."),
              nullable("spent_txid_unresolved", VARCHAR, "The spent txid when that transaction is not in the warehouse (spent_tx_id is NULL); otherwise NULL."),
              nullable("spent_block_height", BIGINT, "Height of the block that created the spent output; NULL when unknown."),
              nullable("value", BIGINT, "Value of the spent output; NULL for a coinbase or when unknown."),
              nullable("address_id", BIGINT, "Owner of the spent output (address_dictionary); NULL when it has no single address or is unknown."),
              Column.enumeration("script_type", SCRIPT_TYPES, true, "Script type of the spent output; NULL for a coinbase or when unknown."),
              required("sequence", BIGINT, "nSequence (unsigned 32-bit)."),
              required("script_sig_size", INTEGER, "Size of the input script in bytes."),
              required("witness_items", INTEGER, "Number of witness stack items (0 without witness).")));

  public static final TableSchema INPUT_SCRIPTS_TABLE =
      new TableSchema(
          INPUT_SCRIPTS,
          "Input scripts and witnesses: for every coinbase input, and for all inputs when imported with --input-scripts.",
          "block_height",
          List.of(
              required("tx_id", BIGINT, "The spending transaction (transactions.tx_id)."),
              required("vin", INTEGER, "Index of the input within the transaction."),
              required("block_height", BIGINT, "Height of the spending block."),
              required("script_sig", BLOB, "The input script (for a coinbase: its data)."),
              nullable("witness", BLOB, "The serialized witness stack (item count, then each item with its length); NULL without witness.")));

  public static final TableSchema TX_OUTPUTS_TABLE =
      new TableSchema(
          TX_OUTPUTS,
          "One row per transaction output. Whether and by whom it is spent is in the outputs view.",
          "block_height",
          List.of(
              required("tx_id", BIGINT, "The creating transaction (transactions.tx_id)."),
              required("vout", INTEGER, "Index of the output within the transaction."),
              required("block_height", BIGINT, "Height of the creating block."),
              required("value", BIGINT, "Amount in the chain's base unit."),
              Column.enumeration("script_type", SCRIPT_TYPES, false, "Script type of the output."),
              nullable("address_id", BIGINT, "The owning address (address_dictionary); P2PK outputs belong to the P2PKH address of their key; NULL for multisig, op_return and nonstandard.")));

  public static final TableSchema OUTPUT_SCRIPTS_TABLE =
      new TableSchema(
          OUTPUT_SCRIPTS,
          "Details of the outputs whose script is not one of the five address types (p2pkh, p2sh, p2wpkh, p2wsh, p2tr, whose"
              + " script follows from the address): p2pk, multisig, op_return, nonstandard and witness_unknown.",
          "block_height",
          List.of(
              required("tx_id", BIGINT, "The creating transaction (transactions.tx_id)."),
              required("vout", INTEGER, "Index of the output within the transaction."),
              required("block_height", BIGINT, "Height of the creating block."),
              nullable("required_sigs", INTEGER, "Signatures needed to spend: m of a multisig, 1 for p2pk and witness_unknown."),
              nullable("key_type", VARCHAR, "compressed, uncompressed or hybrid for p2pk outputs."),
              nullable("multisig_addresses", VARCHAR_LIST, "For bare multisig: the P2PKH address of every key, in script order."),
              nullable("data", BLOB, "For op_return: the pushed bytes."),
              required("script", BLOB, "The locking script.")));

  public static final TableSchema ADDRESS_DICTIONARY_TABLE =
      new TableSchema(
          ADDRESS_DICTIONARY,
          "Every address seen, with the integer id the other tables use.",
          "first_height",
          List.of(
              required("address_id", BIGINT, "Dense integer id, in order of first appearance."),
              required("address", VARCHAR, "The address in the chain's encoding (base58check, bech32/bech32m, CashAddr)."),
              required("first_height", BIGINT, "Height of the block where it first received an output.")));

  public static final List<TableSchema> TABLES =
      List.of(
          BLOCKS_TABLE,
          TRANSACTIONS_TABLE,
          TX_INPUTS_TABLE,
          INPUT_SCRIPTS_TABLE,
          TX_OUTPUTS_TABLE,
          OUTPUT_SCRIPTS_TABLE,
          ADDRESS_DICTIONARY_TABLE);

  public static final ViewSchema INPUTS_VIEW =
      new ViewSchema(
          "inputs",
          "Inputs with txids and addresses spelled out.",
          """
          SELECT t.txid, i.vin, i.block_height, i.is_coinbase,
                 COALESCE(s.txid, i.spent_txid_unresolved) AS spent_txid, i.spent_vout, i.spent_block_height,
                 i.value, a.address, i.script_type, i.sequence, i.script_sig_size, i.witness_items,
                 x.script_sig, x.witness, i.tx_id, i.spent_tx_id, i.address_id
          FROM {schema}.tx_inputs i
          JOIN {schema}.transactions t ON t.tx_id = i.tx_id
          LEFT JOIN {schema}.input_scripts x ON x.tx_id = i.tx_id AND x.vin = i.vin
          LEFT JOIN {schema}.transactions s ON s.tx_id = i.spent_tx_id
          LEFT JOIN {schema}.address_dictionary a ON a.address_id = i.address_id""",
          List.of(
              view("txid", VARCHAR, "Spending transaction id."),
              view("vin", INTEGER, "Input index."),
              view("block_height", BIGINT, "Height of the spending block."),
              view("is_coinbase", BOOLEAN, "Coinbase input."),
              view("spent_txid", VARCHAR, "Txid of the spent output (known even when the output itself is not)."),
              view("spent_vout", BIGINT, "Index of the spent output."),
              view("spent_block_height", BIGINT, "Height where the spent output was created; NULL when unknown."),
              view("value", BIGINT, "Value of the spent output; NULL when unknown."),
              view("address", VARCHAR, "Address of the spent output; NULL when unknown or not a single address."),
              Column.enumeration("script_type", SCRIPT_TYPES, true, "Script type of the spent output."),
              view("sequence", BIGINT, "nSequence."),
              view("script_sig_size", INTEGER, "Input script size."),
              view("witness_items", INTEGER, "Witness stack items."),
              view("script_sig", BLOB, "Input script when stored."),
              view("witness", BLOB, "Witness when stored."),
              view("tx_id", BIGINT, "Integer id of the spending transaction."),
              view("spent_tx_id", BIGINT, "Integer id of the creating transaction."),
              view("address_id", BIGINT, "Integer id of the address.")));

  public static final ViewSchema OUTPUTS_VIEW =
      new ViewSchema(
          "outputs",
          "Outputs with txids and addresses spelled out, and the input that spent each (NULL while unspent).",
          """
          SELECT t.txid, o.vout, o.block_height, o.value, o.script_type, a.address,
                 COALESCE(d.required_sigs, CASE WHEN o.address_id IS NOT NULL THEN 1 END) AS required_sigs, d.key_type,
                 d.multisig_addresses, d.data, d.script,
                 st.txid AS spent_txid, i.vin AS spent_vin, i.block_height AS spent_block_height,
                 o.tx_id, o.address_id, i.tx_id AS spent_by_tx_id
          FROM {schema}.tx_outputs o
          JOIN {schema}.transactions t ON t.tx_id = o.tx_id
          LEFT JOIN {schema}.address_dictionary a ON a.address_id = o.address_id
          LEFT JOIN {schema}.output_scripts d ON d.tx_id = o.tx_id AND d.vout = o.vout
          LEFT JOIN {schema}.tx_inputs i ON i.spent_tx_id = o.tx_id AND i.spent_vout = o.vout
          LEFT JOIN {schema}.transactions st ON st.tx_id = i.tx_id""",
          List.of(
              view("txid", VARCHAR, "Creating transaction id."),
              view("vout", INTEGER, "Output index."),
              view("block_height", BIGINT, "Height of the creating block."),
              view("value", BIGINT, "Amount in the base unit."),
              Column.enumeration("script_type", SCRIPT_TYPES, true, "Script type."),
              view("address", VARCHAR, "Owning address, when the script has one."),
              view("required_sigs", INTEGER, "Signatures required: m of a multisig, 1 for single-address types."),
              view("key_type", VARCHAR, "P2PK key type."),
              view("multisig_addresses", VARCHAR_LIST, "Multisig key addresses."),
              view("data", BLOB, "OP_RETURN data."),
              view("script", BLOB, "Locking script, stored for every type but the five address types."),
              view("spent_txid", VARCHAR, "Transaction that spent the output; NULL while unspent."),
              view("spent_vin", INTEGER, "Input index that spent it."),
              view("spent_block_height", BIGINT, "Height of the spending block."),
              view("tx_id", BIGINT, "Integer id of the creating transaction."),
              view("address_id", BIGINT, "Integer id of the address."),
              view("spent_by_tx_id", BIGINT, "Integer id of the spending transaction.")));

  public static final ViewSchema ADDRESSES_VIEW =
      new ViewSchema(
          "addresses",
          "Per address: balance, amounts received and sent, transactions and first/last activity.",
          """
          WITH flows AS (
            SELECT address_id, tx_id, block_height, value AS received, 0 AS sent
            FROM {schema}.tx_outputs WHERE address_id IS NOT NULL
            UNION ALL
            SELECT address_id, tx_id, block_height, 0 AS received, value AS sent
            FROM {schema}.tx_inputs WHERE address_id IS NOT NULL),
          totals AS (
            SELECT address_id, SUM(received) AS received, SUM(sent) AS sent, COUNT(DISTINCT tx_id) AS tx_count,
                   MIN(block_height) AS first_height, MAX(block_height) AS last_height
            FROM flows GROUP BY address_id)
          SELECT d.address, CAST(t.received - t.sent AS BIGINT) AS balance, CAST(t.received AS BIGINT) AS received,
                 CAST(t.sent AS BIGINT) AS sent, t.tx_count, f.time AS first_seen, l.time AS last_seen,
                 t.first_height, t.last_height, t.address_id
          FROM totals t
          JOIN {schema}.address_dictionary d ON d.address_id = t.address_id
          JOIN {schema}.blocks f ON f.height = t.first_height
          JOIN {schema}.blocks l ON l.height = t.last_height""",
          List.of(
              view("address", VARCHAR, "The address."),
              view("balance", BIGINT, "received - sent: the value of its unspent outputs."),
              view("received", BIGINT, "Sum of all outputs paid to it."),
              view("sent", BIGINT, "Sum of its outputs spent (only spends whose output is known)."),
              view("tx_count", BIGINT, "Distinct transactions paying to or spending from it."),
              view("first_seen", TIMESTAMP, "Time of the first block with activity, UTC."),
              view("last_seen", TIMESTAMP, "Time of the last block with activity, UTC."),
              view("first_height", BIGINT, "Height of the first activity."),
              view("last_height", BIGINT, "Height of the last activity."),
              view("address_id", BIGINT, "Integer id.")));

  public static final List<ViewSchema> VIEWS = List.of(INPUTS_VIEW, OUTPUTS_VIEW, ADDRESSES_VIEW);

  private static Column view(String name, org.openbds.api.ColumnType type, String description) {
    return nullable(name, type, description);
  }
}

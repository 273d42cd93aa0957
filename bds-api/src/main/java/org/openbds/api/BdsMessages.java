package org.openbds.api;

/**
 * The per-block JSON documents the original Blockchain Data Service's patched nodes publish (one document per block,
 * one topic per chain; their shapes are described in docs/bds-messages.md), read by a chain family so that an existing
 * deployment can switch splitters. Amounts are converted exactly (from the documents' decimal text, never through a
 * binary floating-point number).
 */
public interface BdsMessages {
  /**
   * The block a document describes, as a source block whose payload is the document itself; a document that is not
   * a block of this family's shape is a {@link ErrorCode#MALFORMED_BLOCK} naming {@code origin} and the field at fault.
   */
  SourceBlock envelope(byte[] document, String origin);

  /** The splitter of such source blocks: the same tables and rows as the family's own splitter. */
  BlockSplitter<? extends DecodedBlock> splitter();
}

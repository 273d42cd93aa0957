package org.openbds.api;

/** The column types a table may declare; each warehouse maps them to its own SQL types. */
public enum ColumnType {
  /** 64-bit signed integer. */
  BIGINT,
  /** 32-bit signed integer. */
  INTEGER,
  BOOLEAN,
  VARCHAR,
  /** Raw bytes. */
  BLOB,
  /** An instant without zone, always UTC. */
  TIMESTAMP,
  /** A list of strings (e.g. all addresses of a multisig output). */
  VARCHAR_LIST,
  /** One of a fixed set of short strings (see {@link Column#enumValues()}); written with putString. */
  ENUM,
  /** A binary floating-point number; only for derived, inexact figures such as difficulty. */
  DOUBLE,
  /**
   * An exact integer of any size and sign, for 256-bit chain values (wei, token amounts, token ids); never rounded,
   * never clamped. Written with {@link RowWriter#putBigInteger}.
   */
  BIG_INTEGER
}

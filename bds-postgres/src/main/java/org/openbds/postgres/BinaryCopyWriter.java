package org.openbds.postgres;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * COPY's binary format: each value in its type's binary form, preceded by its length; the form follows the column's
 * type (a Java long into an INTEGER column is sent as 4 bytes, checked).
 */
final class BinaryCopyWriter extends CopyRowWriter {
  /** The signature, then no flags and no header extension. */
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
  private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
  static final int BOOL = 16;
  static final int BYTEA = 17;
  static final int NAME = 19;
  static final int INT8 = 20;
  static final int INT2 = 21;
  static final int INT4 = 23;
  static final int TEXT = 25;
  static final int FLOAT4 = 700;
  static final int FLOAT8 = 701;
  static final int BPCHAR = 1042;
  static final int VARCHAR = 1043;
  static final int TIMESTAMP = 1114;
  static final int TIMESTAMPTZ = 1184;
  static final int NUMERIC = 1700;
  /** Seconds from 1970-01-01 to PostgreSQL's epoch 2000-01-01. */
  private static final long POSTGRES_EPOCH = 946_684_800L;

  BinaryCopyWriter(CopySession session, TableColumns columns) {
    super(session, columns);
  }

  @Override
  protected String copySql() {
    return "COPY " + columns.qualifiedName() + " FROM STDIN (FORMAT binary)";
  }

  @Override
  protected byte[] header() {
    return HEADER.clone();
  }

  @Override
  protected byte[] trailer() {
    return TRAILER.clone();
  }

  @Override
  protected void startRow() {
    ensure(2);
    int16(columns.size());
  }

  @Override
  protected void finishRow() {}

  private int type(int column) {
    return columns.types()[column];
  }

  @Override
  public void putLong(long value) {
    int t = type(nextField());
    switch (t) {
      case INT8:
        ensure(12);
        int32(8);
        int64(value);
        break;
      case INT4:
        if (value != (int) value) {
          throw badValue(value + " does not fit an INTEGER");
        }
        ensure(8);
        int32(4);
        int32((int) value);
        break;
      case INT2:
        if (value != (short) value) {
          throw badValue(value + " does not fit a SMALLINT");
        }
        ensure(6);
        int32(2);
        int16((int) value);
        break;
      case NUMERIC:
        numeric(BigInteger.valueOf(value));
        break;
      case FLOAT8:
        float8(value);
        break;
      default:
        throw badValue("a whole number for a column of type " + t);
    }
  }

  @Override
  public void putInt(int value) {
    putLong(value);
  }

  @Override
  public void putBoolean(boolean value) {
    int t = type(nextField());
    if (t != BOOL) {
      throw badValue("a boolean for a column of type " + t);
    }
    ensure(5);
    int32(1);
    buffer[length++] = (byte) (value ? 1 : 0);
  }

  @Override
  public void putString(String value) {
    int t = type(nextField());
    if (value == null) {
      writeNull();
      return;
    }
    if (!isText(t)) {
      throw badValue("a string for a column of type " + t);
    }
    text(value);
  }

  private static boolean isText(int t) {
    return t == TEXT || t == VARCHAR || t == BPCHAR || t == NAME;
  }

  private void text(String value) {
    checkNoNul(value);
    int n = value.length();
    ensure(4 + n * 3);
    int at = length;
    length += 4;
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      buffer[length++] = (byte) c;
    }
    if (!ascii) {
      // rare: encode the whole string again the JDK's way
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      length = at + 4;
      ensure(utf8.length);
      System.arraycopy(utf8, 0, buffer, length, utf8.length);
      length += utf8.length;
    }
    putInt32At(at, length - at - 4);
  }

  @Override
  public void putBytes(byte[] value) {
    int t = type(nextField());
    if (value == null) {
      writeNull();
      return;
    }
    if (t != BYTEA) {
      throw badValue("bytes for a column of type " + t);
    }
    ensure(4 + value.length);
    int32(value.length);
    System.arraycopy(value, 0, buffer, length, value.length);
    length += value.length;
  }

  @Override
  public void putEpochSeconds(long epochSeconds) {
    int t = type(nextField());
    if (t != TIMESTAMP && t != TIMESTAMPTZ) {
      throw badValue("a time for a column of type " + t);
    }
    ensure(12);
    int32(8);
    int64(Math.multiplyExact(epochSeconds - POSTGRES_EPOCH, 1_000_000L));
  }

  @Override
  public void putStringList(List<String> values) {
    int column = nextField();
    if (values == null) {
      writeNull();
      return;
    }
    int element = columns.elementTypes()[column];
    if (!isText(element)) {
      throw badValue("a list of strings for a column of type " + type(column));
    }
    ensure(24);
    int at = length;
    length += 4;
    boolean hasNull = false;
    for (String v : values) {
      // not contains(null): an immutable list throws on it
      hasNull |= v == null;
    }
    int32(values.isEmpty() ? 0 : 1);
    int32(hasNull ? 1 : 0);
    int32(element);
    if (!values.isEmpty()) {
      int32(values.size());
      int32(1);
    }
    for (String v : values) {
      if (v == null) {
        ensure(4);
        int32(-1);
      } else {
        text(v);
      }
    }
    putInt32At(at, length - at - 4);
  }

  @Override
  public void putDouble(double value) {
    int t = type(nextField());
    if (t == FLOAT8) {
      float8(value);
    } else if (t == FLOAT4) {
      ensure(8);
      int32(4);
      int32(Float.floatToIntBits((float) value));
    } else {
      throw badValue("a floating-point number for a column of type " + t);
    }
  }

  private void float8(double value) {
    ensure(12);
    int32(8);
    int64(Double.doubleToLongBits(value));
  }

  @Override
  public void putBigInteger(BigInteger value) {
    int t = type(nextField());
    if (value == null) {
      writeNull();
      return;
    }
    if (t != NUMERIC) {
      throw badValue("an exact integer for a column of type " + t);
    }
    numeric(value);
  }

  /** NUMERIC's binary form: base-10000 digits, most significant first, with the weight of the first. */
  private void numeric(BigInteger value) {
    String digits = value.abs().toString();
    int groups = value.signum() == 0 ? 0 : (digits.length() + 3) / 4;
    ensure(12 + groups * 2);
    int32(8 + groups * 2);
    int16(groups);
    int16(groups - 1);
    int16(value.signum() < 0 ? 0x4000 : 0);
    int16(0);
    int first = digits.length() - (groups - 1) * 4;
    for (int g = 0; g < groups; g++) {
      int from = g == 0 ? 0 : first + (g - 1) * 4;
      int to = g == 0 ? first : from + 4;
      int d = 0;
      for (int i = from; i < to; i++) {
        d = d * 10 + (digits.charAt(i) - '0');
      }
      int16(d);
    }
  }

  @Override
  public void putNull() {
    nextField();
    writeNull();
  }

  private void writeNull() {
    ensure(4);
    int32(-1);
  }

  private void int16(int v) {
    buffer[length++] = (byte) (v >> 8);
    buffer[length++] = (byte) v;
  }

  private void int32(int v) {
    buffer[length++] = (byte) (v >> 24);
    buffer[length++] = (byte) (v >> 16);
    buffer[length++] = (byte) (v >> 8);
    buffer[length++] = (byte) v;
  }

  private void putInt32At(int at, int v) {
    buffer[at] = (byte) (v >> 24);
    buffer[at + 1] = (byte) (v >> 16);
    buffer[at + 2] = (byte) (v >> 8);
    buffer[at + 3] = (byte) v;
  }

  private void int64(long v) {
    int32((int) (v >> 32));
    int32((int) v);
  }
}

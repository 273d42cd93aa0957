package org.openbds.postgres;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * COPY's text format: values as text separated by tabs, one row a line, {@code \N} for NULL, and backslash escapes
 * for backslash, tab, newline and carriage return. The server converts each value to its column's type.
 */
final class TextCopyWriter extends CopyRowWriter {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static final byte[] NONE = new byte[0];

  TextCopyWriter(CopySession session, TableColumns columns) {
    super(session, columns);
  }

  @Override
  protected String copySql() {
    return "COPY " + columns.qualifiedName() + " FROM STDIN";
  }

  @Override
  protected byte[] header() {
    return NONE;
  }

  @Override
  protected byte[] trailer() {
    return NONE;
  }

  @Override
  protected void startRow() {}

  @Override
  protected void finishRow() {
    ensure(1);
    buffer[length++] = '\n';
  }

  private void separate() {
    if (nextField() > 0) {
      ensure(1);
      buffer[length++] = '\t';
    }
  }

  @Override
  public void putLong(long value) {
    separate();
    writeLong(value);
  }

  private void writeLong(long value) {
    ensure(20);
    if (value == Long.MIN_VALUE) {
      byte[] min = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      System.arraycopy(min, 0, buffer, length, min.length);
      length += min.length;
      return;
    }
    if (value < 0) {
      buffer[length++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    for (int i = length + digits - 1; i >= length; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
  }

  @Override
  public void putInt(int value) {
    putLong(value);
  }

  @Override
  public void putBoolean(boolean value) {
    separate();
    ensure(1);
    buffer[length++] = (byte) (value ? 't' : 'f');
  }

  @Override
  public void putString(String value) {
    separate();
    if (value == null) {
      writeNull();
    } else {
      writeText(value, false);
    }
  }

  /**
   * Writes {@code s} as UTF-8 with COPY's escapes; inside an array element ({@code quoted}) a double quote and a
   * backslash get the array's backslash first, which COPY's escaping then doubles.
   */
  private void writeText(String s, boolean quoted) {
    int n = s.length();
    // at most 4 bytes a char: an escaped backslash in an array element, or half of a 4-byte UTF-8 sequence
    ensure(n * 4);
    byte[] b = buffer;
    int p = length;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        switch (c) {
          case '\\':
            if (quoted) {
              b[p++] = '\\';
              b[p++] = '\\';
            }
            b[p++] = '\\';
            b[p++] = '\\';
            break;
          case '"':
            if (quoted) {
              b[p++] = '\\';
              b[p++] = '\\';
            }
            b[p++] = '"';
            break;
          case '\t':
            b[p++] = '\\';
            b[p++] = 't';
            break;
          case '\n':
            b[p++] = '\\';
            b[p++] = 'n';
            break;
          case '\r':
            b[p++] = '\\';
            b[p++] = 'r';
            break;
          case '\0':
            length = p;
            throw badValue("PostgreSQL text cannot hold the character U+0000");
          default:
            b[p++] = (byte) c;
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xc0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        int cp = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1)) ? Character.toCodePoint(c, s.charAt(++i)) : -1;
        if (cp < 0) {
          length = p;
          throw badValue("a string with an unpaired UTF-16 surrogate is not valid text");
        }
        b[p++] = (byte) (0xf0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        b[p++] = (byte) (0xe0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    length = p;
  }

  @Override
  public void putBytes(byte[] value) {
    separate();
    if (value == null) {
      writeNull();
      return;
    }
    // bytea's hex input \x0aff…, its backslash escaped for COPY
    ensure(3 + value.length * 2);
    buffer[length++] = '\\';
    buffer[length++] = '\\';
    buffer[length++] = 'x';
    for (byte v : value) {
      buffer[length++] = HEX[(v >> 4) & 0xf];
      buffer[length++] = HEX[v & 0xf];
    }
  }

  @Override
  public void putEpochSeconds(long epochSeconds) {
    separate();
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
    if (t.getYear() < 1 || t.getYear() > 9999) {
      throw badValue("a time outside the years 1 to 9999: " + epochSeconds + " s");
    }
    ensure(19);
    digits(t.getYear(), 4);
    buffer[length++] = '-';
    digits(t.getMonthValue(), 2);
    buffer[length++] = '-';
    digits(t.getDayOfMonth(), 2);
    buffer[length++] = ' ';
    digits(t.getHour(), 2);
    buffer[length++] = ':';
    digits(t.getMinute(), 2);
    buffer[length++] = ':';
    digits(t.getSecond(), 2);
  }

  private void digits(int value, int count) {
    for (int i = length + count - 1; i >= length; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += count;
  }

  @Override
  public void putStringList(List<String> values) {
    separate();
    if (values == null) {
      writeNull();
      return;
    }
    ensure(2);
    buffer[length++] = '{';
    for (int i = 0; i < values.size(); i++) {
      ensure(6);
      if (i > 0) {
        buffer[length++] = ',';
      }
      String v = values.get(i);
      if (v == null) {
        buffer[length++] = 'N';
        buffer[length++] = 'U';
        buffer[length++] = 'L';
        buffer[length++] = 'L';
      } else {
        buffer[length++] = '"';
        writeText(v, true);
        ensure(1);
        buffer[length++] = '"';
      }
    }
    ensure(1);
    buffer[length++] = '}';
  }

  @Override
  public void putDouble(double value) {
    separate();
    writeAscii(Double.toString(value));
  }

  @Override
  public void putBigInteger(BigInteger value) {
    separate();
    if (value == null) {
      writeNull();
    } else {
      writeAscii(value.toString());
    }
  }

  private void writeAscii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buffer[length++] = (byte) s.charAt(i);
    }
  }

  @Override
  public void putNull() {
    separate();
    writeNull();
  }

  private void writeNull() {
    ensure(2);
    buffer[length++] = '\\';
    buffer[length++] = 'N';
  }
}

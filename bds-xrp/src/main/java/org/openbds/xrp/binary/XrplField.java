package org.openbds.xrp.binary;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * One serialized field of the XRP Ledger binary format: its JSON name, its type (name and code) and its field code
 * ("nth"). Objects sort their fields by (type code, field code); that order is what makes the encoding canonical.
 */
public record XrplField(String name, String type, int typeCode, int nth, boolean signing, boolean vlEncoded) {
  /** The canonical order of fields inside an object. */
  public static final Comparator<XrplField> CANONICAL_ORDER =
      Comparator.comparingInt(XrplField::typeCode).thenComparingInt(XrplField::nth);

  public XrplField {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    if (typeCode < 1 || typeCode > 255 || nth < 1 || nth > 255) {
      throw new IllegalArgumentException("field " + name + " has codes out of range: " + typeCode + "/" + nth);
    }
  }

  /**
   * The field id: one byte when both codes are below 16, otherwise a zero nibble marks which code follows in its own
   * byte (two bytes), or both follow (three bytes).
   */
  /** Writes the field id (see {@link #id()}) without allocating it. */
  void writeId(java.io.ByteArrayOutputStream out) {
    if (typeCode < 16 && nth < 16) {
      out.write(typeCode << 4 | nth);
    } else if (typeCode < 16) {
      out.write(typeCode << 4);
      out.write(nth);
    } else if (nth < 16) {
      out.write(nth);
      out.write(typeCode);
    } else {
      out.write(0);
      out.write(typeCode);
      out.write(nth);
    }
  }

  public byte[] id() {
    if (typeCode < 16 && nth < 16) {
      return new byte[] {(byte) (typeCode << 4 | nth)};
    }
    if (typeCode < 16) {
      return new byte[] {(byte) (typeCode << 4), (byte) nth};
    }
    if (nth < 16) {
      return new byte[] {(byte) nth, (byte) typeCode};
    }
    return new byte[] {0, (byte) typeCode, (byte) nth};
  }
}

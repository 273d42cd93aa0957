package org.openbds.xrp.binary;

import static org.openbds.xrp.binary.XrplAddressCodec.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;

/**
 * A PathSet ({@code Paths}): paths of steps, each step a type byte saying which of account, currency and issuer follow
 * (20 raw bytes each, in that order); 0xFF between paths and 0x00 at the end. The {@code type} and {@code type_hex}
 * keys rippled prints in a step are derived from the other keys and not written.
 */
final class XrplPathSetWriter {
  private static final int ACCOUNT = 0x01;
  private static final int CURRENCY = 0x10;
  private static final int ISSUER = 0x20;
  private static final int PATH_BOUNDARY = 0xFF;
  private static final int PATH_SET_END = 0x00;

  private XrplPathSetWriter() {}

  static void write(JsonNode paths, String path, ByteArrayOutputStream out) {
    if (!paths.isArray()) {
      throw malformed(path, "expected an array of paths, got " + paths);
    }
    for (int i = 0; i < paths.size(); i++) {
      if (i > 0) {
        out.write(PATH_BOUNDARY);
      }
      JsonNode steps = paths.get(i);
      if (!steps.isArray()) {
        throw malformed(path + "[" + i + "]", "a path is an array of steps, got " + steps);
      }
      for (int j = 0; j < steps.size(); j++) {
        writeStep(steps.get(j), path + "[" + i + "][" + j + "]", out);
      }
    }
    out.write(PATH_SET_END);
  }

  private static void writeStep(JsonNode step, String path, ByteArrayOutputStream out) {
    JsonNode account = step.get("account");
    JsonNode currency = step.get("currency");
    JsonNode issuer = step.get("issuer");
    int type = (account != null ? ACCOUNT : 0) | (currency != null ? CURRENCY : 0) | (issuer != null ? ISSUER : 0);
    if (type == 0) {
      throw malformed(path, "a path step needs an account, currency or issuer: " + step);
    }
    out.write(type);
    if (account != null) {
      out.writeBytes(XrplAddressCodec.decodeAccountId(XrplFieldWriter.text(account, path), path + ".account"));
    }
    if (currency != null) {
      out.writeBytes(XrplAmountCodec.currencyCode(XrplFieldWriter.text(currency, path), path + ".currency"));
    }
    if (issuer != null) {
      out.writeBytes(XrplAddressCodec.decodeAccountId(XrplFieldWriter.text(issuer, path), path + ".issuer"));
    }
  }
}

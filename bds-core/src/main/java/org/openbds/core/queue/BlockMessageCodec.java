package org.openbds.core.queue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.QueueMessage;
import org.openbds.api.SourceBlock;

/**
 * The binary form of a {@link QueueMessage} on a block queue, version 1 (documented in docs/queue.md):
 *
 * <pre>
 * "BDSQ" | version u8 = 1 | type u8 (1 block, 2 rollback) | chain str | network str |
 *   block:    height i64 | hash 32 | parent 32 | origin str | payload length i32 | payload
 *   rollback: ancestor height i64 | ancestor hash 32 | abandoned height i64 | abandoned hash 32
 * | CRC-32C of everything before, u32
 * </pre>
 *
 * Integers are big-endian, strings a u16 byte length and UTF-8, hashes in display order. The payload is the block in
 * the chain's own serialization, as the source read it; compression is left to the queue (Kafka compresses batches).
 * A record that is not a whole, intact message of a known version is a {@link ErrorCode#MALFORMED_BLOCK} naming why.
 */
public final class BlockMessageCodec {
  static final byte[] MAGIC = {'B', 'D', 'S', 'Q'};
  static final int VERSION = 1;
  private static final int BLOCK = 1;
  private static final int ROLLBACK = 2;

  private BlockMessageCodec() {}

  public static byte[] encode(QueueMessage message) {
    try {
      ByteArrayOutputStream bytes =
          new ByteArrayOutputStream(message instanceof QueueMessage.Block b ? b.block().payload().length + 256 : 256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.writeByte(message instanceof QueueMessage.Block ? BLOCK : ROLLBACK);
      string(out, message.chain().value());
      string(out, message.network());
      if (message instanceof QueueMessage.Block b) {
        SourceBlock s = b.block();
        out.writeLong(s.height());
        out.write(s.hash().toBytes());
        out.write(s.parent().toBytes());
        string(out, s.origin());
        out.writeInt(s.payload().length);
        out.write(s.payload());
      } else {
        QueueMessage.Rollback r = (QueueMessage.Rollback) message;
        ref(out, r.ancestor());
        ref(out, r.abandoned());
      }
      out.flush();
      CRC32C crc = new CRC32C();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes a record's bytes; {@code where} names the record in errors. */
  public static QueueMessage decode(byte[] value, String where) {
    if (value.length < MAGIC.length + 6) {
      throw malformed(where, "only " + value.length + " bytes, too short for a block message");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (value[i] != MAGIC[i]) {
        throw malformed(where, "not a block message (it does not start with BDSQ)");
      }
    }
    int version = value[4] & 0xff;
    if (version != VERSION) {
      throw malformed(where, "message version " + version + ", this build reads version " + VERSION);
    }
    CRC32C crc = new CRC32C();
    crc.update(value, 0, value.length - 4);
    int stored = ByteBuffer.wrap(value, value.length - 4, 4).getInt();
    if ((int) crc.getValue() != stored) {
      throw malformed(where, "checksum mismatch (the message is damaged or truncated)");
    }
    ByteBuffer in = ByteBuffer.wrap(value, 5, value.length - 9);
    try {
      int type = in.get() & 0xff;
      ChainId chain = new ChainId(string(in));
      String network = string(in);
      QueueMessage m;
      if (type == BLOCK) {
        long height = in.getLong();
        Hash32 hash = hash(in);
        Hash32 parent = hash(in);
        String origin = string(in);
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw malformed(where, "payload length " + length + " but " + in.remaining() + " bytes left");
        }
        byte[] payload = new byte[length];
        in.get(payload);
        if (height < 0) {
          throw malformed(where, "negative height " + height);
        }
        m = new QueueMessage.Block(chain, network, new SourceBlock(height, hash, parent, payload, origin));
      } else if (type == ROLLBACK) {
        m = new QueueMessage.Rollback(chain, network, ref(in), ref(in));
      } else {
        throw malformed(where, "unknown message type " + type);
      }
      if (in.hasRemaining()) {
        throw malformed(where, in.remaining() + " bytes after the message");
      }
      return m;
    } catch (BufferUnderflowException e) {
      throw malformed(where, "truncated message");
    } catch (IllegalArgumentException e) {
      throw malformed(where, e.getMessage());
    } catch (BdsException e) {
      if (e.code() == ErrorCode.MALFORMED_BLOCK) {
        throw e;
      }
      throw malformed(where, e.getMessage());
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > 0xffff) {
      throw new IllegalArgumentException("string of " + b.length + " bytes is too long for a block message");
    }
    out.writeShort(b.length);
    out.write(b);
  }

  private static String string(ByteBuffer in) {
    int n = in.getShort() & 0xffff;
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void ref(DataOutputStream out, BlockRef r) throws IOException {
    out.writeLong(r.height());
    out.write(r.hash().toBytes());
  }

  private static BlockRef ref(ByteBuffer in) {
    long height = in.getLong();
    return new BlockRef(height, hash(in));
  }

  private static Hash32 hash(ByteBuffer in) {
    byte[] b = new byte[32];
    in.get(b);
    return Hash32.of(b);
  }

  private static BdsException malformed(String where, String why) {
    return new BdsException(ErrorCode.MALFORMED_BLOCK, "queue record " + where + ": " + why);
  }
}

package org.openbds.xrp.rpc;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * The least of a WebSocket server (RFC 6455) that a test needs, since the JDK has none: the opening handshake (with
 * a look at the {@code Authorization} header), text messages in one or more frames each way, ping, close. Each text
 * message is handed to the handler on an executor, so that several requests of one connection are served at once.
 */
final class FakeWebSocketServer implements AutoCloseable {
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** Receives each text message of a connection. */
  interface Handler {
    void onText(Session session, String text);
  }

  /** One client connection. */
  static final class Session {
    private final Socket socket;
    private final OutputStream out;

    Session(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    /** Sends one text message in one frame; a connection that is gone swallows it, as a real one would. */
    void send(String text) {
      try {
        frame(0x1, text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        drop();
      }
    }

    /** Drops the connection without a closing handshake, as a server that goes away does. */
    void drop() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a socket that is closed already is not a failure of the test
      }
    }

    synchronized void frame(int opcode, byte[] payload) throws IOException {
      ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 10);
      f.write(0x80 | opcode);
      if (payload.length < 126) {
        f.write(payload.length);
      } else if (payload.length < 65_536) {
        f.write(126);
        f.write(payload.length >>> 8);
        f.write(payload.length & 0xff);
      } else {
        f.write(127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          f.write((int) ((long) payload.length >>> shift) & 0xff);
        }
      }
      f.write(payload);
      out.write(f.toByteArray());
      out.flush();
    }
  }

  private final ServerSocket server;
  private final Predicate<Optional<String>> authorized;
  private final Handler handler;
  private final ExecutorService executor;
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /**
   * @param authorized whether a handshake with this {@code Authorization} header value (if any) may open a connection
   */
  FakeWebSocketServer(Predicate<Optional<String>> authorized, Handler handler, ExecutorService executor) throws IOException {
    this.authorized = requireNonNull(authorized, "authorized is null");
    this.handler = requireNonNull(handler, "handler is null");
    this.executor = requireNonNull(executor, "executor is null");
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "fake-ws-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread t = new Thread(() -> serve(socket), "fake-ws-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // the server was closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      Session session = new Session(socket);
      if (!handshake(in, socket.getOutputStream())) {
        return;
      }
      sessions.add(session);
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        int b0 = in.read();
        if (b0 < 0) {
          return;
        }
        int b1 = in.readUnsignedByte();
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        long length = b1 & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
          in.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        switch (opcode) {
          case 0x0, 0x1 -> {
            message.write(payload);
            if (fin) {
              String text = message.toString(StandardCharsets.UTF_8);
              message.reset();
              executor.execute(() -> handler.onText(session, text));
            }
          }
          case 0x8 -> {
            session.frame(0x8, payload);
            return;
          }
          case 0x9 -> session.frame(0xA, payload);
          default -> {
            // pong and anything else: nothing to answer
          }
        }
      }
    } catch (EOFException e) {
      // the client went away mid-frame
    } catch (IOException e) {
      // the connection was dropped (by the client, or by a test through Session.drop)
    }
  }

  private boolean handshake(DataInputStream in, OutputStream out) throws IOException {
    String requestLine = line(in);
    Map<String, String> headers = new HashMap<>();
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
    }
    String key = headers.get("sec-websocket-key");
    if (!requestLine.startsWith("GET ") || key == null || !"websocket".equalsIgnoreCase(headers.get("upgrade"))) {
      out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      return false;
    }
    if (!authorized.test(Optional.ofNullable(headers.get("authorization")))) {
      out.write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      return false;
    }
    String accept;
    try {
      accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return true;
  }

  /** One CRLF-ended header line, read byte by byte so that no frame byte is taken along. */
  private static String line(DataInputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("the handshake ends early");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // nothing more to release
    }
    sessions.forEach(Session::drop);
  }
}

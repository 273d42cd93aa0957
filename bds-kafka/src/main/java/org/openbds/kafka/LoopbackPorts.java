package org.openbds.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** TCP ports on 127.0.0.1: a free one, or whether a given one is free. */
final class LoopbackPorts {
  private LoopbackPorts() {}

  /** A port no one listens on now (another process may still take it before we bind it). */
  static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "no free port on 127.0.0.1: " + e.getMessage(), e);
    }
  }

  /** A free port other than {@code taken}. */
  static int freeExcept(int taken) {
    while (true) {
      int port = free();
      if (port != taken) {
        return port;
      }
    }
  }

  /** Whether a server could listen on {@code port} now (connections of an earlier listener in TIME_WAIT do not count). */
  static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

package dev.pinpipe.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port in front of a real server, which a test can cut (refusing
 * and dropping every connection, as a server that went away) and restore on the same port. Lets a
 * test take the local S3 server away without restarting it (moto forgets its data on restart).
 */
public final class LoopbackProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private ServerSocket server;

  private LoopbackProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = listen(0);
    this.port = server.getLocalPort();
    accept(server);
  }

  /** A proxy to the host and port of {@code endpoint}, forwarding from now on. */
  public static LoopbackProxy to(URI endpoint) throws IOException {
    return new LoopbackProxy(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
  }

  /** The proxy's address with the scheme of the server's. */
  public URI endpoint(String scheme) {
    return URI.create(scheme + "://127.0.0.1:" + port);
  }

  /** Stops listening and drops every open connection: connections are refused until restored. */
  public synchronized void cut() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  /** Listens again on the same port. */
  public synchronized void restore() throws IOException {
    if (server == null) {
      server = listen(port);
      accept(server);
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  private void accept(ServerSocket listening) {
    daemon(() -> {
      while (!listening.isClosed()) {
        try {
          Socket client = listening.accept();
          Socket upstream = new Socket(target.getAddress(), target.getPort());
          open.add(client);
          open.add(upstream);
          daemon(() -> pump(client, upstream));
          daemon(() -> pump(upstream, client));
        } catch (IOException closedOrRefused) {
          // cut() closed the listener, or the server refused: the client sees its socket close
        }
      }
    });
  }

  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException dropped) {
      // either side closed
    } finally {
      close(from);
      close(to);
    }
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "loopback-proxy");
    thread.setDaemon(true);
    thread.start();
  }
}

package dev.modelaccess.jooq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback whose open connections can be frozen: after {@link #freezeOpenConnections()} they stay
 * open but carry no more bytes either way, as a half-open connection does (the server gone without a reset). New
 * connections are forwarded as usual.
 */
final class FreezingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    FreezingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("freezing-proxy-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Stops forwarding on every connection open now, without closing it. */
    void freezeOpenConnections() {
        pipes.forEach(pipe -> pipe.frozen = true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(target);
                Pipe up = new Pipe(client, target);
                Pipe down = new Pipe(target, client);
                pipes.add(up);
                pipes.add(down);
                Thread.ofVirtual().start(up);
                Thread.ofVirtual().start(down);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static final class Pipe implements Runnable {
        private final Socket from;
        private final Socket to;
        volatile boolean frozen;

        Pipe(Socket from, Socket to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (!frozen) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the other side closed
            }
        }
    }
}

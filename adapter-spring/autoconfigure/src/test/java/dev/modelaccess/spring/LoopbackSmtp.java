package dev.modelaccess.spring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on loopback that speaks the protocol for real and, while told to refuse, answers the end of a
 * message's DATA with a permanent {@code 554} (as a server refusing a message does: policy, spam, a size limit).
 * GreenMail accepts every message, so it cannot play a server that refuses one. Messages it accepts are kept.
 */
final class LoopbackSmtp implements AutoCloseable {

    static final String REFUSAL = "554 5.7.1 Message refused by policy: sender not allowed";

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean refusing = true;
    private final AtomicInteger refused = new AtomicInteger();

    LoopbackSmtp() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("loopback-smtp").start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** From now on, messages are taken (250) rather than refused. */
    void accept() {
        refusing = false;
    }

    /** The messages taken so far, each as its DATA. */
    List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** How many messages were refused. */
    int refused() {
        return refused.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(5000);
                converse(client);
            } catch (IOException e) {
                // the client went away, or the server was closed
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.ISO_8859_1);
        reply(out, "220 localhost ESMTP loopback");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 localhost");
                case "DATA" -> {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine).append('\n');
                    }
                    if (refusing) {
                        refused.incrementAndGet();
                        reply(out, REFUSAL);
                    } else {
                        accepted.add(data.toString());
                        reply(out, "250 2.0.0 Ok: queued");
                    }
                }
                case "QUIT" -> {
                    reply(out, "221 2.0.0 Bye");
                    return;
                }
                default -> reply(out, "250 2.0.0 Ok"); // MAIL, RCPT, RSET, NOOP
            }
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

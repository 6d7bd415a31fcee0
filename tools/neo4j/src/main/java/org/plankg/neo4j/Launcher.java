package org.plankg.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * A throw-away Neo4j 5 server for plankg's tests.
 *
 * <p>Protocol with the parent process (tests/neo4j_server.py): once Bolt accepts connections,
 * exactly one line {@code bolt://127.0.0.1:PORT} is written to stdout; the server then lives
 * until stdin reaches end of file, and shuts down cleanly. If it cannot start, the reason goes
 * to stderr and the exit status is 1. Everything else Neo4j might print goes to stderr, so
 * stdout carries nothing but the URI.
 *
 * <p>The database lives in a fresh temporary directory that the harness deletes on close.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        // Claim stdout for the protocol before Neo4j (or log4j) can pick it up.
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        Neo4j neo4j;
        try {
            neo4j = Neo4jBuilders.newInProcessBuilder()
                    // HTTP is not used by plankg (the Python driver speaks Bolt only).
                    .withDisabledServer()
                    .withConfig(BoltConnector.enabled, true)
                    // Port 0: the OS picks a free port, so parallel test runs never collide;
                    // 127.0.0.1 only, since auth is off.
                    .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                    .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .withConfig(GraphDatabaseSettings.auth_enabled, false)
                    // Test graphs are a few thousand nodes; keep off-heap memory small on a
                    // shared machine (heap is capped by -Xmx from the caller).
                    .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(32))
                    .withConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(64))
                    .withConfig(GraphDatabaseSettings.udc_enabled, false)
                    .withConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
                    // Netty's graceful shutdown waits a quiet period per event loop group (about
                    // 10 s in all); a test server has no clients left to drain when told to stop.
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                    .build();
        } catch (Throwable e) {
            System.err.println("plankg neo4j launcher: Neo4j could not start: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close, "plankg-neo4j-shutdown"));

        URI bolt = neo4j.boltURI();
        protocol.println("bolt://127.0.0.1:" + bolt.getPort());

        waitForEndOfInput(System.in);
        // The shutdown hook closes the server (and deletes its directory) on exit.
        System.exit(0);
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            System.err.println("plankg neo4j launcher: stdin failed, shutting down: " + e);
        }
    }
}

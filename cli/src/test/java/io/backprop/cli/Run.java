package io.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One run of the command: its exit code and everything it printed. */
record Run(int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Run of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackpropCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** The whole of stdout parsed as one JSON document: anything else there fails the parse. */
    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not one JSON document: " + out, e);
        }
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}

package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.BackendChoice;
import io.backprop.Backends;
import io.backprop.spi.Backend;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the backends found on the class path and the one selected. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "The backends found, and which one is selected.")
final class BackendsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Backend> found = Backends.available();
        BackendChoice choice = common.choice();
        Backend selected = common.selected();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            ArrayNode list = json.putArray("backends");
            for (Backend backend : found) {
                list.addObject()
                        .put("name", backend.name())
                        .put("description", backend.description())
                        .put("selected", backend.name().equals(selected.name()));
            }
            json.put("selected", selected.name());
            json.put("rule", choice.rule());
            out.println(Json.text(json));
            return 0;
        }
        int width = found.stream().mapToInt(b -> b.name().length()).max().orElse(0);
        for (Backend backend : found) {
            out.printf("%s %-" + width + "s  %s%n", backend.name().equals(selected.name()) ? "*" : " ",
                    backend.name(), backend.description());
        }
        out.printf("selected: %s, by %s%n", selected.name(), choice.explicitly("--backend").rule());
        return 0;
    }
}

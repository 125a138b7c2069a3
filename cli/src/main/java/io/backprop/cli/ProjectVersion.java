package io.backprop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} says, on every command: the version Maven builds the artifacts with, read
 * from a resource the build fills in, so that it can never drift from the POM.
 */
final class ProjectVersion implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    /** Gives every command under {@code root}, at any depth, this version for its {@code --version}. */
    static void giveTo(CommandLine root) {
        ProjectVersion version = new ProjectVersion();
        root.getCommandSpec().versionProvider(version);
        root.getSubcommands().values().forEach(ProjectVersion::giveTo);
    }

    @Override
    public String[] getVersion() {
        return new String[] {"backprop " + version()};
    }

    /** The project's version, such as {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + ProjectVersion.class.getName()
                        + ": the command was not built by Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

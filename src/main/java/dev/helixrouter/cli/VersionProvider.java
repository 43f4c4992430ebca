package dev.helixrouter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version (from a resource Maven fills in) and the JVM running it. */
final class VersionProvider implements IVersionProvider {
    private static final String RESOURCE = "/dev/helixrouter/cli/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "HelixRouter Lab " + version(),
            "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}",
        };
    }

    /** The project version, or {@code unknown} when run from unfiltered sources. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}

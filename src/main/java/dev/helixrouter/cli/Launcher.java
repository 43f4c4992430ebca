package dev.helixrouter.cli;

/** Entry point placeholder. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        System.out.println("HelixRouter");
    }
}

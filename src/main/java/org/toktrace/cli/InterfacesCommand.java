package org.toktrace.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.toktrace.analysis.LiveCapture;
import org.toktrace.model.LiveCaptureUnavailableException;
import org.toktrace.model.CaptureInterface;
import org.toktrace.model.InterfaceAddress;
import org.toktrace.model.PrintableText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code toktrace interfaces}: the interfaces live capture can open, likely hotspots first. */
@Command(name = "interfaces", mixinStandardHelpOptions = true,
        description = "List the network interfaces to capture on, with their addresses; the likely hotspot first.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the interfaces were listed", "2:live capture is not available (libpcap or Npcap missing)"})
final class InterfacesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<CaptureInterface> interfaces;
        try {
            interfaces = LiveCapture.interfaces();
        } catch (LiveCaptureUnavailableException e) {
            err.println("toktrace: " + e.getMessage());
            return 2;
        }
        if (interfaces.isEmpty()) {
            out.println("no interfaces to capture on (is this user allowed to capture? see toktrace capture --help)");
            return 0;
        }
        for (CaptureInterface i : interfaces) {
            out.println(line(i));
        }
        out.flush();
        return 0;
    }

    /** One interface: name, state, addresses, description, and the hotspot hint when there is one. */
    static String line(CaptureInterface i) {
        StringBuilder sb = new StringBuilder();
        sb.append(i.likelyHotspot() ? "* " : "  ").append(PrintableText.of(i.name()));
        sb.append("  ").append(i.loopback() ? "loopback" : i.up() ? "up" : "down");
        StringJoiner addresses = new StringJoiner(", ");
        for (InterfaceAddress a : i.addresses()) {
            addresses.add(a.toString());
        }
        if (addresses.length() > 0) {
            sb.append("  ").append(addresses);
        }
        if (!i.description().isEmpty()) {
            sb.append("  (").append(PrintableText.of(i.description())).append(')');
        }
        if (i.likelyHotspot()) {
            sb.append("  <- likely hotspot: ").append(i.hotspotHint());
        }
        return sb.toString();
    }
}

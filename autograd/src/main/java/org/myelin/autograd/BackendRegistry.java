package org.myelin.autograd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.myelin.api.BackendUnavailableException;
import org.myelin.api.Device;
import org.myelin.api.UnknownNameException;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.BackendReport;

/**
 * Finds backends with ServiceLoader and picks one per device type: the one the user named
 * ({@code -Dmyelin.backend}, else {@code MYELIN_BACKEND}; a comma list for several device types),
 * else the available one with the highest priority.
 */
final class BackendRegistry {
    private final List<Backend> all;
    private final Map<Backend, Optional<String>> probes = new LinkedHashMap<>();
    private final Map<String, Backend> chosen = new ConcurrentHashMap<>();
    private final java.util.Set<String> requestedByUser = ConcurrentHashMap.newKeySet();
    private final ThreadScopes scopes;

    BackendRegistry(List<Backend> found) {
        this(found, new ThreadScopes());
    }

    private BackendRegistry(List<Backend> found, ThreadScopes scopes) {
        this.scopes = scopes;
        List<Backend> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Backend::priority).reversed().thenComparing(Backend::name));
        this.all = List.copyOf(sorted);
        for (Backend b : all) {
            probes.put(b, probe(b));
        }
    }

    static BackendRegistry load() {
        List<Backend> found = new ArrayList<>();
        ServiceLoader.load(Backend.class).forEach(found::add);
        return new BackendRegistry(found);
    }

    /**
     * This registry with a plugin's backends added. A name already taken goes to the higher
     * priority (a tie keeps the one known first); backends the user selected by name stay selected.
     */
    BackendRegistry with(List<Backend> more) {
        List<Backend> merged = new ArrayList<>(all);
        for (Backend b : more) {
            Backend same = merged.stream().filter(o -> o.name().equalsIgnoreCase(b.name())).findFirst().orElse(null);
            if (same == null) {
                merged.add(b);
            } else if (b.priority() > same.priority()) {
                merged.set(merged.indexOf(same), b);
            }
        }
        BackendRegistry next = new BackendRegistry(merged, scopes);
        for (String name : requestedByUser) {
            next.select(name);
        }
        return next;
    }

    private static Optional<String> probe(Backend b) {
        try {
            return b.unavailableReason();
        } catch (Throwable t) {
            return Optional.of("probe failed: " + t);
        }
    }

    List<Backend> all() {
        return all;
    }

    /** The names the user asked for, from the system property or the environment. */
    static List<String> requestedNames() {
        String v = System.getProperty("myelin.backend");
        if (v == null || v.isBlank()) {
            v = System.getenv("MYELIN_BACKEND");
        }
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                names.add(part.trim().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    Backend forDevice(Device device) {
        return forType(device.type());
    }

    Backend forType(String deviceType) {
        if (scopes.active()) {
            Backend scoped = scopes.current(deviceType);
            if (scoped != null) {
                return scoped;
            }
        }
        return everyThreadsChoice(deviceType);
    }

    /** The backend for a device type outside any thread's scope, as {@code myelin doctor} reports it. */
    private Backend everyThreadsChoice(String deviceType) {
        Backend b = chosen.get(deviceType);
        if (b == null) {
            b = chosen.computeIfAbsent(deviceType, this::selectFor);
        }
        return b;
    }

    /** Makes the named backend the one for its device type, after checking it can run. */
    Backend select(String name) {
        Backend named = runnable(name);
        chosen.put(named.deviceType(), named);
        requestedByUser.add(named.name());
        return named;
    }

    /** Uses the named backend on this thread until the scope closes. */
    org.myelin.api.spi.BackendScope use(String name) {
        return scopes.open(runnable(name));
    }

    private Backend runnable(String name) {
        Backend named = byName(name);
        Optional<String> why = probes.get(named);
        if (why.isPresent()) {
            throw new BackendUnavailableException("backend '" + named.name() + "' cannot run here: " + why.get()
                    + "; choose another (myelin doctor lists them)");
        }
        return named;
    }

    private Backend selectFor(String deviceType) {
        for (String name : requestedNames()) {
            Backend named = byName(name);
            if (named.deviceType().equals(deviceType)) {
                Optional<String> why = probes.get(named);
                if (why.isPresent()) {
                    throw new BackendUnavailableException("backend '" + name + "' was requested but cannot run here: "
                            + why.get() + "; choose another with --backend or MYELIN_BACKEND");
                }
                return named;
            }
        }
        for (Backend b : all) {
            if (b.deviceType().equals(deviceType) && probes.get(b).isEmpty()) {
                return b;
            }
        }
        // A backend of this type that is installed but cannot run (no GPU driver, say) says why.
        StringBuilder unavailable = new StringBuilder();
        for (Backend b : all) {
            if (b.deviceType().equals(deviceType)) {
                unavailable.append("; ").append(b.name()).append(" is unavailable (").append(probes.get(b).orElse("?")).append(')');
            }
        }
        String advice = unavailable.isEmpty()
                ? "put a backend module for it (such as org.myelin.ops.cpu.simd for cpu, or the cuda pack in plugins/) on the module path"
                : "run where it can, or use another device (--device cpu)";
        throw new BackendUnavailableException("no available backend for device type '" + deviceType + "'" + unavailable
                + "; found: " + describeAll() + "; " + advice);
    }

    Backend byName(String name) {
        for (Backend b : all) {
            if (b.name().equalsIgnoreCase(name)) {
                return b;
            }
        }
        throw new UnknownNameException("unknown backend '" + name + "'; installed backends: " + describeAll());
    }

    private String describeAll() {
        if (all.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (Backend b : all) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(b.name()).append(" (").append(b.deviceType()).append(')');
        }
        return sb.toString();
    }

    List<BackendReport> report() {
        List<String> requested = new ArrayList<>(requestedNames());
        requested.addAll(requestedByUser);
        List<BackendReport> out = new ArrayList<>();
        for (Backend b : all) {
            Optional<String> why = probes.get(b);
            Backend picked = null;
            String pickError = null;
            try {
                picked = everyThreadsChoice(b.deviceType());
            } catch (RuntimeException e) {
                pickError = e.getMessage();
            }
            boolean selected = picked == b;
            String reason;
            if (why.isPresent()) {
                reason = "unavailable (" + why.get() + ")";
            } else if (selected) {
                reason = requested.contains(b.name()) ? "selected: requested by name" : "selected: highest priority available";
            } else if (picked != null) {
                reason = "skipped: " + picked.name() + (requested.contains(picked.name())
                        ? " was requested by name" : " has higher priority");
            } else {
                reason = "skipped: " + pickError;
            }
            out.add(new BackendReport(b.name(), b.deviceType(), b.priority(), describe(b), selected, reason));
        }
        return out;
    }

    private static String describe(Backend b) {
        try {
            return b.description();
        } catch (Throwable t) {
            return b.name();
        }
    }
}

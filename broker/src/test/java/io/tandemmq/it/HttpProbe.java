package io.tandemmq.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP requests to a broker's monitoring port (--http-port), as Prometheus or curl would send them. */
final class HttpProbe {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    HttpProbe(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Authorization", "Basic " + basic).GET().build());
    }

    HttpResponse<String> getWithCookie(String path, String cookie) throws IOException, InterruptedException {
        return send(request(path).header("Cookie", cookie).GET().build());
    }

    HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample line of Prometheus text, such as {@code tandem_destination_depth{...name="q"...}}; NaN when absent. */
    static double sample(String metrics, String name, String... labels) {
        for (String line : metrics.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                Matcher m = Pattern.compile("\\s(\\S+)$").matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        }
        return Double.NaN;
    }
}

package io.tandemmq.wildfly.app;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Arrays;

/**
 * What the tests ask the application to do: {@code op=send} (EJB send plus row, {@code rollback=true}
 * marks the transaction rollback-only), {@code op=send-only} (the EJB's send alone), {@code op=kill-after-prepare} (send plus
 * row, and the broker processes {@code pids} are killed once the adapter's branch is prepared), {@code op=attempts} (how often the failing bean saw
 * {@code text}). Answers "ok" or the number; failures as 500 with the exception and its causes. The application
 * deployed on every server has this servlet; see {@link WildFlyActionServlet} for more.
 */
@WebServlet("/action")
public class ActionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private OrderService orders;
    @EJB
    private CrashingOrderService crashing;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String queue = request.getParameter("queue");
        String text = request.getParameter("text");
        try {
            String answer = switch (String.valueOf(request.getParameter("op"))) {
                case "send" -> {
                    orders.sendAndRecord(queue, text, Boolean.parseBoolean(request.getParameter("rollback")));
                    yield "ok";
                }
                case "send-only" -> {
                    orders.send(queue, text);
                    yield "ok";
                }
                case "kill-after-prepare" -> {
                    crashing.sendAndKillAfterPrepare(queue, text,
                            Arrays.stream(request.getParameter("pids").split(",")).map(Long::valueOf).toList());
                    yield "ok";
                }
                case "attempts" -> String.valueOf(Attempts.of(text));
                default -> throw new IllegalArgumentException("unknown op " + request.getParameter("op"));
            };
            response.setContentType("text/plain");
            response.getWriter().print(answer);
        } catch (Exception e) {
            // as the body, not sendError's message: some servers' error pages leave the message out
            response.setStatus(500);
            response.setContentType("text/plain");
            response.getWriter().print(causes(e));
        }
    }

    /** The exception and its causes, so that a test sees how the transaction ended (a rollback, a heuristic...). */
    static String causes(Throwable e) {
        StringBuilder chain = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            chain.append(" <- ").append(c);
        }
        return chain.toString();
    }
}

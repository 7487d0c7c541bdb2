package io.tandemmq.wildfly.app;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Arrays;

/**
 * The actions of the WildFly application only: {@code op=context} (send with an injected
 * JMSContext, plus a row) and {@code op=kill-after-prepare} (send plus row, and the brokers
 * {@code pids} are killed once the adapter's branch is prepared).
 */
@WebServlet("/wildfly-action")
public class WildFlyActionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private ContextSender contextSender;
    @EJB
    private CrashingOrderService crashing;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String queue = request.getParameter("queue");
        String text = request.getParameter("text");
        try {
            switch (String.valueOf(request.getParameter("op"))) {
                case "context" -> contextSender.send(queue, text);
                case "kill-after-prepare" -> crashing.sendAndKillAfterPrepare(queue, text,
                        Arrays.stream(request.getParameter("pids").split(",")).map(Long::valueOf).toList());
                default -> throw new IllegalArgumentException("unknown op " + request.getParameter("op"));
            }
            response.setContentType("text/plain");
            response.getWriter().print("ok");
        } catch (Exception e) {
            response.sendError(500, e.toString());
        }
    }
}

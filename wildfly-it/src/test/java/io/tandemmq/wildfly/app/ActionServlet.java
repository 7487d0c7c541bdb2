package io.tandemmq.wildfly.app;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * What the tests ask the application to do: {@code op=send} (EJB send plus row, {@code rollback=true}
 * marks the transaction rollback-only), {@code op=attempts} (how often the failing bean saw
 * {@code text}). Answers "ok" or the number; failures as 500 with the reason. The application
 * deployed on every server has this servlet; see {@link WildFlyActionServlet} for more.
 */
@WebServlet("/action")
public class ActionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private OrderService orders;

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
                case "attempts" -> String.valueOf(Attempts.of(text));
                default -> throw new IllegalArgumentException("unknown op " + request.getParameter("op"));
            };
            response.setContentType("text/plain");
            response.getWriter().print(answer);
        } catch (Exception e) {
            response.sendError(500, e.toString());
        }
    }
}

package io.tandemmq.wildfly.app;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The action of the WildFly application only: {@code op=context} (send with an injected
 * JMSContext, plus a row).
 */
@WebServlet("/wildfly-action")
public class WildFlyActionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private ContextSender contextSender;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String queue = request.getParameter("queue");
        String text = request.getParameter("text");
        try {
            if (!"context".equals(request.getParameter("op"))) {
                throw new IllegalArgumentException("unknown op " + request.getParameter("op"));
            }
            contextSender.send(queue, text);
            response.setContentType("text/plain");
            response.getWriter().print("ok");
        } catch (Exception e) {
            response.sendError(500, e.toString());
        }
    }
}

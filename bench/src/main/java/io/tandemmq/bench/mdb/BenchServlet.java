package io.tandemmq.bench.mdb;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * What the benchmark asks: {@code op=reset&row=B} (forget what was received; B: whether the MDB
 * writes a row), {@code op=send&from=I&to=J&row=B} (texts I..J-1, one transaction each),
 * {@code op=received} ("distinct deliveries"). Failures answer 500 with the reason.
 */
@WebServlet("/bench")
public class BenchServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private BenchSender sender;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String answer = switch (String.valueOf(request.getParameter("op"))) {
                case "reset" -> {
                    Received.reset(Boolean.parseBoolean(request.getParameter("row")));
                    yield "ok";
                }
                case "send" -> {
                    send(Integer.parseInt(request.getParameter("from")), Integer.parseInt(request.getParameter("to")),
                            Boolean.parseBoolean(request.getParameter("row")));
                    yield "ok";
                }
                case "received" -> Received.counts();
                default -> throw new IllegalArgumentException("unknown op " + request.getParameter("op"));
            };
            response.setContentType("text/plain");
            response.getWriter().print(answer);
        } catch (Exception e) {
            response.sendError(500, e.toString());
        }
    }

    private void send(int from, int to, boolean row) throws Exception {
        for (int i = from; i < to; i++) {
            sender.send("m" + i, row);
        }
    }
}

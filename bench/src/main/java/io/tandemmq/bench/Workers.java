package io.tandemmq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the same task on several threads that start together, and times them from start to the last end. */
final class Workers {
    /** The work of one thread; {@code index} tells the threads apart. */
    interface Task {
        void run(int index) throws Exception;
    }

    private Workers() {
    }

    /**
     * @return nanoseconds from the common start to the end of the last thread
     * @throws Exception the first failure of any thread, after all ended
     */
    static long timed(int threads, String name, Task task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    task.run(index);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, name + "-" + i);
            t.start();
            all.add(t);
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : all) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw failure.get();
        }
        return elapsed;
    }

    static double perSecond(long count, long nanos) {
        return count * 1e9 / Math.max(1, nanos);
    }
}

package dev.supportdesk.escalation.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Controlled interleaving of two engine commands, in the manner of the engine's own concurrency tests
 * (CompetingJoinTest and friends): both transactions read the same state before either writes it.
 * Installed as a post-command interceptor (inside the command context, so it runs before the context
 * flushes), it does nothing until {@link #arm armed} for two command types:
 * <ol>
 *   <li>both commands arrive (neither has read or written yet);</li>
 *   <li>the winner runs its command: reads, decides, changes in memory; it has not flushed;</li>
 *   <li>the loser runs its command on the state the winner has not flushed, so it reads what the winner
 *       read; the winner waits for that (at most {@link #LOSER_GRACE_MS} ms, in case the loser blocks on
 *       a row the winner's side effects already locked), then flushes and commits;</li>
 *   <li>the loser flushes after the winner: the engine must refuse its write.</li>
 * </ol>
 * Each thread takes part once; after both took part the race is over and every command passes.
 * Register it with {@link #plugin()} in a test's own {@code @TestConfiguration} only.
 */
public final class CommandRace extends CommandInterceptor {

  public static final long ARRIVAL_TIMEOUT_MS = 20_000;
  public static final long LOSER_GRACE_MS = 1_500;
  static final long LOSER_FLUSH_DELAY_MS = 300;

  private volatile Race race;

  public AbstractProcessEnginePlugin plugin() {
    CommandRace interceptor = this;
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        post.add(interceptor);
        configuration.setCustomPostCommandInterceptorsTxRequired(post);
      }
    };
  }

  /**
   * The next two commands named in {@code commands} (simple class names, e.g. "CompleteTaskCmd") race;
   * the one named {@code winner} wins, or the first to arrive when {@code winner} is null.
   */
  public Race arm(String winner, String... commands) {
    Race armed = new Race(winner, Set.of(commands));
    race = armed;
    return armed;
  }

  public void disarm() {
    race = null;
  }

  @Override
  public <T> T execute(Command<T> command) {
    Race current = race;
    String name = command.getClass().getSimpleName();
    if (current == null || !current.commands.contains(name) || !current.join(name)) {
      return next.execute(command);
    }
    boolean winner = current.arrive(name);
    return winner ? current.runWinner(() -> next.execute(command)) : current.runLoser(() -> next.execute(command));
  }

  /** One armed race; tells afterwards who won and whether both read before either wrote. */
  public static final class Race {

    private final String winnerCommand;
    private final Set<String> commands;
    private final Set<Thread> players = ConcurrentHashMap.newKeySet();
    private final CountDownLatch arrived = new CountDownLatch(2);
    private final CountDownLatch winnerExecuted = new CountDownLatch(1);
    private final CountDownLatch loserExecuted = new CountDownLatch(1);
    private volatile Thread winnerThread;
    private volatile String winnerName;
    private volatile boolean bothArrived;
    private volatile boolean loserFinishedBeforeWinnerFlushed;

    Race(String winnerCommand, Set<String> commands) {
      this.winnerCommand = winnerCommand;
      this.commands = commands;
    }

    /** Whether both commands arrived before either ran, and the loser ran before the winner flushed. */
    public boolean interleaved() {
      return bothArrived;
    }

    /** False when the loser blocked on a lock the winner held, so the winner flushed first. */
    public boolean loserExecutedBeforeWinnerFlushed() {
      return loserFinishedBeforeWinnerFlushed;
    }

    public String winner() {
      return winnerName;
    }

    private synchronized boolean join(String name) {
      return players.size() < 2 && players.add(Thread.currentThread());
    }

    private boolean arrive(String name) {
      synchronized (this) {
        boolean named = winnerCommand != null && winnerCommand.equals(name);
        if (winnerThread == null && (named || winnerCommand == null)) {
          winnerThread = Thread.currentThread();
          winnerName = name;
        }
      }
      arrived.countDown();
      bothArrived = await(arrived, ARRIVAL_TIMEOUT_MS);
      synchronized (this) {
        if (winnerThread == null) {
          // the named winner never came: the one that did wins
          winnerThread = Thread.currentThread();
          winnerName = name;
        }
        return winnerThread == Thread.currentThread();
      }
    }

    private <T> T runWinner(java.util.function.Supplier<T> command) {
      try {
        return command.get();
      } finally {
        winnerExecuted.countDown();
        loserFinishedBeforeWinnerFlushed = await(loserExecuted, LOSER_GRACE_MS);
      }
    }

    private <T> T runLoser(java.util.function.Supplier<T> command) {
      await(winnerExecuted, ARRIVAL_TIMEOUT_MS);
      try {
        return command.get();
      } finally {
        loserExecuted.countDown();
        sleep(LOSER_FLUSH_DELAY_MS);
      }
    }

    private static boolean await(CountDownLatch latch, long millis) {
      try {
        return latch.await(millis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

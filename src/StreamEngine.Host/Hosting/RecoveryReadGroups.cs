using System.Threading.Channels;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Brands' recovery reads of one kind, made together: the reads that wait while a query runs go in
/// the next one, up to <see cref="GroupSize"/> of them and <see cref="GroupRows"/> rows at most
/// (a read's <see cref="RecoveryRead.Rows"/>), with at most <c>queriesAtOnce</c> queries under way.
/// A brand read alone cost a round trip, a statement parsed and planned, and the client's work on
/// its answer: on PostgreSQL a restart of 10,000 brands made 30,000 such queries, and the server's
/// share of them took about a third of the machine's CPU (perf/README.md, <i>Recovery on
/// PostgreSQL, in groups</i>). An idle store answers a lone read at once, as before.
/// </summary>
internal sealed class RecoveryReadGroups<TRead> where TRead : RecoveryRead
{
    /// <summary>The most reads one query makes.</summary>
    public const int GroupSize = 128;

    /// <summary>
    /// The most rows a group's reads may read in all: a brand with a long journal is read alone or
    /// with few others, so that the brands after it in its group are not held up waiting for their
    /// first event (Akka fails a recovery that waits 30 s for one).
    /// </summary>
    public const long GroupRows = 16_384;

    private readonly Channel<TRead> _waiting = Channel.CreateUnbounded<TRead>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Func<IReadOnlyList<TRead>, Task> _readGroup;

    /// <param name="queriesAtOnce">How many groups are read at once, each on a connection of its own.</param>
    /// <param name="readGroup">Reads a group and answers each of its reads; a read it leaves unanswered fails, as does every read of a group it throws on.</param>
    public RecoveryReadGroups(int queriesAtOnce, Func<IReadOnlyList<TRead>, Task> readGroup)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queriesAtOnce, 1);
        _readGroup = readGroup ?? throw new ArgumentNullException(nameof(readGroup));
        for (var i = 0; i < queriesAtOnce; i++)
        {
            _ = Task.Run(ReadGroupsAsync);
        }
    }

    /// <summary>Queues a read; its task ends when a group has read it.</summary>
    public void Add(TRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!_waiting.Writer.TryWrite(read))
        {
            read.Fail(Stopped());
        }
    }

    /// <summary>Takes no more reads; those still waiting fail.</summary>
    public void Stop()
    {
        _waiting.Writer.TryComplete();
        var stopped = Stopped();
        while (_waiting.Reader.TryRead(out var read))
        {
            read.Fail(stopped);
        }
    }

    private static ObjectDisposedException Stopped() =>
        new(typeof(TRead).Name, "the store's recovery reads have stopped: the journal or snapshot store stopped");

    private async Task ReadGroupsAsync()
    {
        var group = new List<TRead>(GroupSize);

        // A read that would have taken its group past GroupRows: the first of this loop's next group.
        TRead? carried = null;
        while (carried is not null || await _waiting.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            var rows = 0L;
            if (carried is not null)
            {
                group.Add(carried);
                rows = carried.Rows;
                carried = null;
            }

            while (group.Count < GroupSize && _waiting.Reader.TryRead(out var read))
            {
                // A read its brand gave up on (cancelled) is not made.
                if (read.IsAnswered)
                {
                    continue;
                }

                if (group.Count > 0 && rows + read.Rows > GroupRows)
                {
                    carried = read;
                    break;
                }

                group.Add(read);
                rows += read.Rows;
            }

            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                await _readGroup(group).ConfigureAwait(false);
                foreach (var read in group.Where(r => !r.IsAnswered))
                {
                    read.Fail(new InvalidOperationException($"the recovery read of {read.PersistenceId} was left unanswered by its group"));
                }
            }
            catch (Exception ex)
            {
                // Each brand's recovery fails with the store's error and is tried again on its next message.
                foreach (var read in group)
                {
                    read.Fail(ex);
                }
            }
        }
    }
}

/// <summary>A brand's recovery read waiting for its group: answered once, by its group or by its cancellation.</summary>
internal abstract class RecoveryRead(string persistenceId)
{
    public string PersistenceId { get; } = persistenceId;

    /// <summary>How many rows the read may read at most: one unless it says otherwise.</summary>
    public virtual long Rows => 1;

    public abstract bool IsAnswered { get; }

    /// <summary>Ends the read with an error; no effect once it is answered.</summary>
    public abstract void Fail(Exception error);
}

/// <summary>A recovery read whose answer is a <typeparamref name="TAnswer"/>.</summary>
internal class RecoveryRead<TAnswer> : RecoveryRead
{
    // Continuations run off the group's reader, which goes on to the group's other reads.
    private readonly TaskCompletionSource<TAnswer> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;

    public RecoveryRead(string persistenceId, CancellationToken cancellation)
        : base(persistenceId)
    {
        // Cancelled, the read is answered so: a later answer or failure finds it done and is dropped.
        _cancellation = cancellation.Register(static (state, token) => ((TaskCompletionSource<TAnswer>)state!).TrySetCanceled(token), _answer);
    }

    /// <summary>The answer, the read's failure, or its cancellation.</summary>
    public Task<TAnswer> Answer => _answer.Task;

    public override bool IsAnswered => _answer.Task.IsCompleted;

    public void Answered(TAnswer answer)
    {
        _answer.TrySetResult(answer);
        _cancellation.Dispose();
    }

    public override void Fail(Exception error)
    {
        _answer.TrySetException(error);
        _cancellation.Dispose();
    }
}

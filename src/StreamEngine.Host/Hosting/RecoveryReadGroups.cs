using System.Threading.Channels;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Brands' recovery reads of one kind, made together: the reads that wait while a query runs go in
/// the next one, up to <see cref="GroupSize"/> of them, with at most <c>queriesAtOnce</c> queries
/// under way. A brand read alone cost a round trip, a statement parsed and planned, and the
/// client's work on its answer: on PostgreSQL a restart of 10,000 brands made 30,000 such queries,
/// and the server's share of them kept the node's two cores busy (perf/README.md, <i>Recovery on
/// PostgreSQL, in groups</i>). An idle store answers a lone read at once, as before.
/// </summary>
internal sealed class RecoveryReadGroups<TRead> where TRead : RecoveryRead
{
    /// <summary>The most reads one query makes.</summary>
    public const int GroupSize = 128;

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
            read.Fail(new ObjectDisposedException(typeof(TRead).Name, "the store's recovery reads have stopped: the journal or snapshot store stopped"));
        }
    }

    /// <summary>Takes no more reads; those still waiting fail.</summary>
    public void Stop()
    {
        _waiting.Writer.TryComplete();
        var stopped = new ObjectDisposedException(typeof(TRead).Name, "the store's recovery reads have stopped: the journal or snapshot store stopped");
        while (_waiting.Reader.TryRead(out var read))
        {
            read.Fail(stopped);
        }
    }

    private async Task ReadGroupsAsync()
    {
        var group = new List<TRead>(GroupSize);
        while (await _waiting.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < GroupSize && _waiting.Reader.TryRead(out var read))
            {
                // A read its brand gave up on (cancelled) is not made.
                if (!read.IsAnswered)
                {
                    group.Add(read);
                }
            }

            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                await _readGroup(group).ConfigureAwait(false);
                foreach (var read in group)
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

    public abstract bool IsAnswered { get; }

    /// <summary>Ends the read with an error; no effect once it is answered.</summary>
    public abstract void Fail(Exception error);
}

/// <summary>A recovery read whose answer is a <typeparamref name="TAnswer"/>.</summary>
internal class RecoveryRead<TAnswer> : RecoveryRead
{
    // Continuations run off the group's reader, which goes on to the group's other reads.
    private readonly TaskCompletionSource<TAnswer> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationToken _cancellation;

    public RecoveryRead(string persistenceId, CancellationToken cancellation)
        : base(persistenceId)
    {
        _cancellation = cancellation;
        Answer = cancellation.CanBeCanceled ? _answer.Task.WaitAsync(cancellation) : _answer.Task;
    }

    /// <summary>The answer, or the read's cancellation.</summary>
    public Task<TAnswer> Answer { get; }

    public override bool IsAnswered => _answer.Task.IsCompleted || _cancellation.IsCancellationRequested;

    public void Answered(TAnswer answer) => _answer.TrySetResult(answer);

    public override void Fail(Exception error) => _answer.TrySetException(error);
}

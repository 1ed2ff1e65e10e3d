using Akka.Streams;
using Akka.Streams.Stage;

namespace StreamEngine.Engine.Ingest;

/// <summary>What a round does with its chunks as they arrive, and what it becomes once closed.</summary>
public interface IRoundForming<TIn, out TOut>
{
    /// <summary>A chunk joins the round: it is this round's for good, whatever comes after it.</summary>
    void Add(TIn chunk);

    /// <summary>No chunk joins any more; what the round hands on.</summary>
    TOut Close(Round<TIn> round);
}

/// <summary>
/// Gathers chunks into rounds of at most the <see cref="RoundSize"/> limit, closing one when it is
/// full or when its window has passed and the next stage wants a round. Unlike
/// <c>GroupedWithin</c>, a chunk's round is decided as it arrives, so the round can fold the chunk
/// at once: its posts then live for a fold, not for the whole gathering, and are gone before the
/// garbage collector would have moved them to an older generation.
/// </summary>
public sealed class RoundGathering<TIn, TOut> : GraphStage<FlowShape<TIn, TOut>>
{
    private readonly RoundSize _size;
    private readonly TimeSpan _window;
    private readonly Func<IRoundForming<TIn, TOut>> _open;

    /// <param name="window">
    /// How long a round that is not full waits for more chunks from its first one; past it, the
    /// round goes as soon as the next stage wants it, and gathers on up to the limit until then.
    /// </param>
    /// <param name="open">Starts the next round, on its first chunk.</param>
    public RoundGathering(RoundSize size, TimeSpan window, Func<IRoundForming<TIn, TOut>> open)
    {
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(open);
        _size = size;
        _window = window;
        _open = open;
        Shape = new FlowShape<TIn, TOut>(new Inlet<TIn>("RoundGathering.in"), new Outlet<TOut>("RoundGathering.out"));
    }

    public override FlowShape<TIn, TOut> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string WindowTimer = "window";

        private readonly RoundGathering<TIn, TOut> _stage;
        private readonly List<TIn> _chunks = [];
        private IRoundForming<TIn, TOut>? _forming;
        private RoundTicket _ticket;
        private bool _windowPassed;
        private bool _upstreamDone;

        public Logic(RoundGathering<TIn, TOut> stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.Shape.Inlet, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
            SetHandler(stage.Shape.Outlet, onPull: OnPull);
        }

        // The limit in force, if it fell while the round was gathering: a store that has just
        // missed rounds of the old size should not be handed one.
        private bool Full => _forming is not null && _chunks.Count >= Math.Min(_ticket.Limit, _stage._size.Limit);

        public override void PreStart() => Pull(_stage.Shape.Inlet);

        protected override void OnTimer(object timerKey)
        {
            _windowPassed = true;
            if (_forming is not null && IsAvailable(_stage.Shape.Outlet))
            {
                Emit();
            }
        }

        private void OnPush()
        {
            var chunk = Grab(_stage.Shape.Inlet);
            if (_forming is null)
            {
                _forming = _stage._open();
                _ticket = _stage._size.Open();
                _windowPassed = false;
                ScheduleOnce(WindowTimer, _stage._window);
            }

            _forming.Add(chunk);
            _chunks.Add(chunk);
            if (!Full)
            {
                Pull(_stage.Shape.Inlet);
            }
            else if (IsAvailable(_stage.Shape.Outlet))
            {
                Emit();
            }

            // A full round that cannot go yet holds the chunks behind it back until the next stage pulls.
        }

        private void OnPull()
        {
            if (_forming is not null && (Full || _windowPassed || _upstreamDone))
            {
                Emit();
            }
        }

        private void OnUpstreamFinish()
        {
            _upstreamDone = true;
            if (_forming is null)
            {
                CompleteStage();
            }
            else if (IsAvailable(_stage.Shape.Outlet))
            {
                Emit();
            }
        }

        private void Emit()
        {
            var round = RoundSize.Close(_ticket, _chunks.ToArray());
            var closed = _forming!.Close(round);
            _forming = null;
            _chunks.Clear();
            CancelTimer(WindowTimer);
            Push(_stage.Shape.Outlet, closed);
            if (_upstreamDone)
            {
                CompleteStage();
            }
            else if (!HasBeenPulled(_stage.Shape.Inlet))
            {
                Pull(_stage.Shape.Inlet);
            }
        }
    }
}

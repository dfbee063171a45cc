using System.Diagnostics.Tracing;

namespace BeamDecode.Benchmarks;

/// <summary>
/// What a stage allocates, by type: listens to the runtime's GCAllocationTick events (one per ~100 KB allocated,
/// naming the type of the object that crossed the mark), which sample allocation volume by type without a
/// profiler. Only meaningful on one thread with the stage alone running while <see cref="Enabled"/> is set.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const int GCKeyword = 0x1;
    private readonly Dictionary<string, long> _bytes = [];

    public bool Enabled { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)GCKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Enabled || !e.EventName!.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        int type = e.PayloadNames!.IndexOf("TypeName");
        int amount = e.PayloadNames.IndexOf("AllocationAmount64");
        string name = type >= 0 ? e.Payload[type] as string ?? "?" : "?";
        long bytes = amount >= 0 ? Convert.ToInt64(e.Payload[amount], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes)
        {
            _bytes[name] = _bytes.GetValueOrDefault(name) + bytes;
        }
    }

    /// <summary>The sampled bytes by type, largest first, and forgets them.</summary>
    public List<KeyValuePair<string, long>> TakeTop(int count)
    {
        lock (_bytes)
        {
            var top = _bytes.OrderByDescending(kv => kv.Value).Take(count).ToList();
            _bytes.Clear();
            return top;
        }
    }
}

namespace IncidentHub.Web.Features.Insights;

/// <summary>
/// Counts and duration histograms per row of the insights (the whole period, a month, a severity, a source, a
/// service), summed from the rollups and from the incidents of the period's edge days. Measures as the database
/// numbers them (see the InsightRollups migration): 0-6 counts, 7-9 time to detect, mitigate and resolve by bucket.
/// </summary>
internal sealed class InsightTallies
{
    public const short Declared = 0, Dismissed = 1, Duplicates = 2, ByMonitoring = 3, WithSource = 4, Reopened = 5,
        MitigatedWithin30 = 6, TimeToDetect = 7, TimeToMitigate = 8, TimeToResolve = 9;

    private readonly Dictionary<string, Row> rows = new(StringComparer.Ordinal);

    public IEnumerable<string> Keys => rows.Where(row => row.Value.Counts[Declared] > 0).Select(row => row.Key);

    /// <summary>A row to add to directly: one look-up for all the measures of a key.</summary>
    public Row RowOf(string key)
    {
        if (!rows.TryGetValue(key, out var row))
        {
            rows[key] = row = new Row();
        }

        return row;
    }

    public InsightsFigures Figures(string key, string label)
    {
        if (!rows.TryGetValue(key, out var row) || row.Counts[Declared] <= 0)
        {
            return new(label, 0, 0, 0, 0, 0, null, new(0, null, null), new(0, null, null), new(0, null, null), null);
        }

        var counts = row.Counts;
        var mitigate = Durations(row.Durations[1]);
        return new(
            label, counts[Declared], counts[Dismissed], counts[Duplicates], counts[Reopened], counts[ByMonitoring],
            counts[WithSource] == 0 ? null : (double)counts[ByMonitoring] / counts[WithSource],
            Durations(row.Durations[0]), mitigate, Durations(row.Durations[2]),
            mitigate.Count == 0 ? null : (double)counts[MitigatedWithin30] / mitigate.Count);
    }

    /// <summary>How many durations of a row fall in [from, to) seconds (to null: no end): bucket bounds line up.</summary>
    public int Within(string key, short measure, int from, int? to) =>
        rows.TryGetValue(key, out var row)
            ? row.Durations[measure - TimeToDetect].Where(bin => bin.Key >= from && (to is null || bin.Key < to))
                .Sum(bin => bin.Value.Count)
            : 0;

    private static Durations Durations(Dictionary<int, Bin> histogram)
    {
        var bins = histogram.Where(bin => bin.Value.Count > 0).OrderBy(bin => bin.Key).ToList();
        var count = bins.Sum(bin => bin.Value.Count);
        return count == 0
            ? new(0, null, null)
            : new(count, Percentile(bins, count, 0.5), Percentile(bins, count, 0.9));
    }

    /// <summary>
    /// As PostgreSQL's percentile_cont, linear between the two ranks around p × (count − 1), over values estimated from
    /// the buckets: a bucket's values are spread evenly around their mean, as widely as the bucket allows. A bucket
    /// holding one value (or equal ones) gives it exactly; otherwise a value is off by less than its bucket's width.
    /// </summary>
    private static double Percentile(List<KeyValuePair<int, Bin>> bins, int count, double p)
    {
        var rank = p * (count - 1);
        var lower = (int)Math.Floor(rank);
        var low = ValueAt(bins, lower);
        return lower + 1 < count ? low + ((rank - lower) * (ValueAt(bins, lower + 1) - low)) : low;
    }

    private static double ValueAt(List<KeyValuePair<int, Bin>> bins, int index)
    {
        foreach (var (start, bin) in bins)
        {
            if (index < bin.Count)
            {
                var mean = bin.Total / bin.Count;
                var spread = Math.Max(0, Math.Min(bin.Width, 2 * Math.Min(mean - start, start + bin.Width - mean)));
                return mean + (spread * (((index + 0.5) / bin.Count) - 0.5));
            }

            index -= bin.Count;
        }

        throw new InvalidOperationException("A rank beyond the histogram's count.");
    }

    internal sealed class Row
    {
        public int[] Counts { get; } = new int[TimeToDetect];

        public Dictionary<int, Bin>[] Durations { get; } = [[], [], []];

        public void Add(short measure, int bucket, int n, double total)
        {
            if (measure < TimeToDetect)
            {
                Counts[measure] += n;
                return;
            }

            var histogram = Durations[measure - TimeToDetect];
            if (!histogram.TryGetValue(bucket, out var bin))
            {
                histogram[bucket] = bin = new Bin(InsightBuckets.WidthAt(bucket));
            }

            bin.Count += n;
            bin.Total += total;
        }
    }

    internal sealed class Bin(int width)
    {
        public int Width { get; } = width;

        public int Count { get; set; }

        public double Total { get; set; }
    }
}

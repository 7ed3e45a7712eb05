namespace IncidentHub.Web.Features.Insights;

/// <summary>
/// One part of a month of the month rollup (the whole month or a block of days) as an instance keeps it: its cells
/// (grouping key, measure, duration bucket, count and total of seconds) sorted by grouping key and stored column by
/// column, 17 bytes a cell, so that a million incidents' months fit in a few hundred megabytes and summing them looks
/// each key up once.
/// </summary>
internal sealed class MonthCells
{
    public MonthCells(IEnumerable<(string Key, short Measure, int Bucket, int Count, double Total)> cells)
    {
        var sorted = cells.Where(cell => cell.Count != 0 || cell.Total != 0)
            .OrderBy(cell => cell.Key, StringComparer.Ordinal).ToList();
        Measures = new byte[sorted.Count];
        Buckets = new int[sorted.Count];
        Counts = new int[sorted.Count];
        Totals = new double[sorted.Count];
        List<string> keys = [];
        List<int> ends = [];
        for (var i = 0; i < sorted.Count; i++)
        {
            if (keys.Count == 0 || !string.Equals(keys[^1], sorted[i].Key, StringComparison.Ordinal))
            {
                if (keys.Count > 0)
                {
                    ends.Add(i);
                }

                keys.Add(sorted[i].Key);
            }

            (Measures[i], Buckets[i], Counts[i], Totals[i]) = ((byte)sorted[i].Measure, sorted[i].Bucket, sorted[i].Count, sorted[i].Total);
        }

        if (keys.Count > 0)
        {
            ends.Add(sorted.Count);
        }

        Keys = [.. keys];
        KeyEnds = [.. ends];
    }

    /// <summary>The grouping keys, each once; the cells of <c>Keys[k]</c> end before <c>KeyEnds[k]</c>.</summary>
    public string[] Keys { get; }

    public int[] KeyEnds { get; }

    public byte[] Measures { get; }

    public int[] Buckets { get; }

    public int[] Counts { get; }

    public double[] Totals { get; }

    public long Bytes => (17L * Counts.Length) + Keys.Sum(key => 32L + (2L * key.Length));

    /// <summary>Adds every cell, times <paramref name="sign"/>, to its key's row (grouped) or only the whole's; and the whole's to <paramref name="monthRow"/>.</summary>
    public void AddTo(InsightTallies tallies, bool grouped, InsightTallies.Row? monthRow, int sign)
    {
        var start = 0;
        for (var k = 0; k < Keys.Length; k++)
        {
            var whole = Keys[k].Length == 0;
            var row = grouped || whole ? tallies.RowOf(Keys[k]) : null;
            var alsoMonth = whole ? monthRow : null;
            for (var i = start; i < KeyEnds[k]; i++)
            {
                row?.Add(Measures[i], Buckets[i], sign * Counts[i], sign * Totals[i]);
                alsoMonth?.Add(Measures[i], Buckets[i], sign * Counts[i], sign * Totals[i]);
            }

            start = KeyEnds[k];
        }
    }
}

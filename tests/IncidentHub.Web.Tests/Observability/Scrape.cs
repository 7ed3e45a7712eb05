using System.Globalization;
using System.Text.RegularExpressions;

namespace IncidentHub.Web.Tests.Observability;

/// <summary>One Prometheus text exposition, read as a scraper reads it: samples by name and labels.</summary>
public sealed partial class Scrape(string text)
{
    public string Text { get; } = text;

    /// <summary>
    /// The value of the sample with this name and (at least) these labels, or null when there is none.
    /// </summary>
    public double? Value(string name, params (string Label, string Value)[] labels) =>
        Samples().Where(sample =>
            sample.Name == name
                && labels.All(label => sample.Labels.TryGetValue(label.Label, out var value) && value == label.Value))
            .Select(sample => (double?)sample.Value).FirstOrDefault();

    public bool Has(string name) => Samples().Any(sample => sample.Name == name);

    public IEnumerable<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples()
    {
        foreach (var line in Text.Split('\n'))
        {
            var match = SampleLine().Match(line);
            if (match.Success)
            {
                var labels = LabelPair()
                    .Matches(match.Groups["labels"].Value)
                    .ToDictionary(pair => pair.Groups[1].Value, pair => pair.Groups[2].Value);
                yield return (match.Groups["name"].Value, labels, double.Parse(
                    match.Groups["value"].Value, CultureInfo.InvariantCulture));
            }
        }
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[^ ]+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}

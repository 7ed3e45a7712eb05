using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using IncidentHub.Domain;

namespace IncidentHub.Web.StatusPage;

/// <summary>
/// The page, its JSON summary and its feed, rendered once per state (and address) and then served as bytes: the page
/// must hold when everyone refreshes it during a big incident. Written by hand rather than by Razor for that reason;
/// every text is encoded.
/// </summary>
public sealed class StatusPageRendering
{
    private StatusPageRendering(byte[] html, byte[] summary, byte[] atom, string etag)
    {
        Html = html;
        Summary = summary;
        Atom = atom;
        ETag = etag;
    }

    public byte[] Html { get; }

    public byte[] Summary { get; }

    public byte[] Atom { get; }

    public string ETag { get; }

    /// <param name="state">What to show.</param>
    /// <param name="origin">Scheme, host and path base, e.g. <c>https://example.com</c>.</param>
    /// <param name="prefix">Where the page is under the origin: <c>/status</c>, or empty on its own host name.</param>
    /// <param name="version">Changes with every new state, for the ETag.</param>
    public static StatusPageRendering Render(StatusPageState state, string origin, string prefix, long version)
    {
        var page = $"{origin}{prefix}";
        return new StatusPageRendering(
            Encoding.UTF8.GetBytes(RenderHtml(state, origin, prefix)),
            RenderSummary(state, page.Length == origin.Length ? $"{origin}/" : page),
            RenderAtom(state, page),
            $"\"status-{version.ToString(CultureInfo.InvariantCulture)}\"");
    }

    public static string Indicator(ServiceImpact impact) => impact switch
    {
        ServiceImpact.MajorOutage => "critical",
        ServiceImpact.PartialOutage => "major",
        ServiceImpact.DegradedPerformance => "minor",
        _ => "none",
    };

    private static string Description(ServiceImpact impact) => impact switch
    {
        ServiceImpact.MajorOutage => "Major System Outage",
        ServiceImpact.PartialOutage => "Partial System Outage",
        ServiceImpact.DegradedPerformance => "Minor Service Outage",
        _ => "All Systems Operational",
    };

    private static string Snake(ServiceImpact impact) => impact switch
    {
        ServiceImpact.DegradedPerformance => "degraded_performance",
        ServiceImpact.PartialOutage => "partial_outage",
        ServiceImpact.MajorOutage => "major_outage",
        _ => "operational",
    };

    private static string Lower(PublicStatus status) => status.ToString().ToLowerInvariant();

    private static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string RenderHtml(StatusPageState state, string origin, string prefix)
    {
        var e = HtmlEncoder.Default;
        var overall = state.Overall;
        var html = new StringBuilder(16 * 1024);
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(e.Encode(state.Title)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(e.Encode(origin)).Append("/css/status.css\">\n")
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
            .Append(e.Encode(state.Title)).Append(" history\" href=\"").Append(e.Encode($"{origin}{prefix}/history.atom"))
            .Append("\">\n</head>\n<body>\n<header><h1>").Append(e.Encode(state.Title)).Append("</h1></header>\n<main>\n")
            .Append("<section class=\"overall impact-").Append(Snake(overall)).Append("\" aria-labelledby=\"overall\">")
            .Append("<h2 id=\"overall\">")
            .Append(e.Encode(overall == ServiceImpact.Operational && state.Active.Count == 0
                ? state.AllGoodMessage
                : Description(overall)))
            .Append("</h2><p>Updated <time datetime=\"").Append(Iso(state.UpdatedAt)).Append("\">")
            .Append(Utc(state.UpdatedAt)).Append("</time></p></section>\n");

        if (state.Components.Count > 0)
        {
            html.Append("<section aria-labelledby=\"services\"><h2 id=\"services\">Services</h2>\n<ul class=\"components\">\n");
            foreach (var component in state.Components)
            {
                html.Append("<li><span class=\"component\">").Append(e.Encode(component.Name)).Append("</span> ")
                    .Append("<span class=\"impact impact-").Append(Snake(component.Status)).Append("\">")
                    .Append(component.Status.Describe()).Append("</span></li>\n");
            }

            html.Append("</ul></section>\n");
        }

        AppendIncidents(html, "current", "Current incidents", "No incident at the moment.", state.Active);
        AppendIncidents(html, "history", "Past incidents (last 90 days)", "No incident in the last 90 days.", state.Past);
        html.Append("</main>\n<footer><p>Subscribe: <a href=\"").Append(e.Encode($"{origin}{prefix}/history.atom"))
            .Append("\">Atom feed</a> · <a href=\"").Append(e.Encode($"{origin}{prefix}/summary.json"))
            .Append("\">JSON summary</a></p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendIncidents(
        StringBuilder html, string id, string heading, string none, IReadOnlyList<PublicIncident> incidents)
    {
        var e = HtmlEncoder.Default;
        html.Append("<section aria-labelledby=\"").Append(id).Append("\"><h2 id=\"").Append(id).Append("\">")
            .Append(heading).Append("</h2>\n");
        if (incidents.Count == 0)
        {
            html.Append("<p>").Append(none).Append("</p>\n");
        }

        foreach (var incident in incidents)
        {
            html.Append("<article class=\"incident\" id=\"incident-").Append(incident.Id.ToString("N")).Append("\">")
                .Append("<h3>").Append(e.Encode(incident.Name)).Append("</h3>\n<ol class=\"updates\">\n");
            if (incident.ResolvedAt is { } resolvedAt && incident.Updates[0].Status != PublicStatus.Resolved)
            {
                // Resolved without a last update saying so: the page still says when it ended.
                html.Append("<li><p><strong>Resolved</strong> · <time datetime=\"").Append(Iso(resolvedAt)).Append("\">")
                    .Append(Utc(resolvedAt)).Append("</time></p></li>\n");
            }

            foreach (var update in incident.Updates)
            {
                html.Append("<li><p><strong>").Append(update.Status).Append("</strong> · <time datetime=\"")
                    .Append(Iso(update.PostedAt)).Append("\">").Append(Utc(update.PostedAt)).Append("</time></p>")
                    .Append("<p class=\"body\">").Append(e.Encode(update.Body)).Append("</p>");
                if (update.Affected.Count > 0)
                {
                    html.Append("<p class=\"affected\">Affected: ").Append(string.Join(", ", update.Affected.Select(
                        affected => $"{e.Encode(affected.Component.Name)} ({affected.Impact.Describe().ToLowerInvariant()})")))
                        .Append("</p>");
                }

                html.Append("</li>\n");
            }

            html.Append("</ol></article>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>The shape of Atlassian Statuspage's public <c>/api/v2/summary.json</c>, which widgets already read.</summary>
    private static byte[] RenderSummary(StatusPageState state, string url)
    {
        const string PageId = "incidenthub";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("page");
            json.WriteString("id", PageId);
            json.WriteString("name", state.Title);
            json.WriteString("url", url);
            json.WriteString("time_zone", "Etc/UTC");
            json.WriteString("updated_at", Iso(state.UpdatedAt));
            json.WriteEndObject();

            var overall = state.Overall;
            json.WriteStartObject("status");
            json.WriteString("indicator", Indicator(overall));
            json.WriteString("description", Description(overall));
            json.WriteEndObject();

            json.WriteStartArray("components");
            var position = 1;
            foreach (var component in state.Components)
            {
                WriteComponent(json, component, component.Status, position++, PageId);
            }

            json.WriteEndArray();

            json.WriteStartArray("incidents");
            foreach (var incident in state.Active)
            {
                json.WriteStartObject();
                json.WriteString("id", incident.Id.ToString("N"));
                json.WriteString("name", incident.Name);
                json.WriteString("status", Lower(incident.Status));
                json.WriteString("created_at", Iso(incident.CreatedAt));
                json.WriteString("updated_at", Iso(incident.UpdatedAt));
                WriteTime(json, "monitoring_at", incident.MonitoringAt);
                WriteTime(json, "resolved_at", incident.ResolvedAt);
                json.WriteString("impact", Indicator(incident.WorstImpact));
                json.WriteString("shortlink", $"{url.TrimEnd('/')}#incident-{incident.Id:N}");
                json.WriteString("started_at", Iso(incident.CreatedAt));
                json.WriteString("page_id", PageId);
                json.WriteStartArray("incident_updates");
                foreach (var update in incident.Updates)
                {
                    json.WriteStartObject();
                    json.WriteString("id", update.Id.ToString("N"));
                    json.WriteString("status", Lower(update.Status));
                    json.WriteString("body", update.Body);
                    json.WriteString("incident_id", incident.Id.ToString("N"));
                    json.WriteString("created_at", Iso(update.PostedAt));
                    json.WriteString("updated_at", Iso(update.PostedAt));
                    json.WriteString("display_at", Iso(update.PostedAt));
                    json.WriteStartArray("affected_components");
                    foreach (var affected in update.Affected)
                    {
                        json.WriteStartObject();
                        json.WriteString("code", affected.Component.Id.ToString("N"));
                        json.WriteString("name", affected.Component.Name);
                        json.WriteString("old_status", Snake(affected.Impact));
                        json.WriteString("new_status", Snake(affected.Impact));
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("components");
                var componentPosition = 1;
                foreach (var component in incident.Components)
                {
                    var current = state.Components.FirstOrDefault(listed => listed.Slug == component.Slug);
                    WriteComponent(json, component, current?.Status ?? ServiceImpact.Operational, componentPosition++, PageId);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("scheduled_maintenances");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteComponent(
        Utf8JsonWriter json, PublicComponent component, ServiceImpact status, int position, string pageId)
    {
        json.WriteStartObject();
        json.WriteString("id", component.Id.ToString("N"));
        json.WriteString("name", component.Name);
        json.WriteString("status", Snake(status));
        json.WriteNumber("position", position);
        if (component.Description is { } description)
        {
            json.WriteString("description", description);
        }
        else
        {
            json.WriteNull("description");
        }

        json.WriteBoolean("showcase", true);
        json.WriteNull("group_id");
        json.WriteString("page_id", pageId);
        json.WriteBoolean("group", false);
        json.WriteBoolean("only_show_if_degraded", false);
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            json.WriteString(name, Iso(value));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Every external update of the last 90 days, newest first (RFC 4287).</summary>
    private static byte[] RenderAtom(StatusPageState state, string page)
    {
        const string Atom = "http://www.w3.org/2005/Atom";
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, $"{page}/history.atom");
            xml.WriteElementString("title", Atom, $"{state.Title} history");
            xml.WriteElementString("updated", Atom, Iso(state.UpdatedAt));
            WriteLink(xml, "self", $"{page}/history.atom", "application/atom+xml");
            WriteLink(xml, "alternate", page.Length == 0 ? "/" : page, "text/html");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, state.Title);
            xml.WriteEndElement();

            var entries = state.Active.Concat(state.Past)
                .SelectMany(incident => incident.Updates.Select(update => (Incident: incident, Update: update)))
                .OrderByDescending(entry => entry.Update.PostedAt);
            foreach (var (incident, update) in entries)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, $"urn:uuid:{update.Id}");
                xml.WriteElementString("title", Atom, $"{incident.Name}: {update.Status}");
                xml.WriteElementString("updated", Atom, Iso(update.PostedAt));
                xml.WriteElementString("published", Atom, Iso(update.PostedAt));
                WriteLink(xml, "alternate", $"{page}#incident-{incident.Id:N}", "text/html");
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(update.Affected.Count == 0
                    ? update.Body
                    : $"{update.Body}\n\nAffected: {string.Join(", ", update.Affected.Select(affected =>
                        $"{affected.Component.Name} ({affected.Impact.Describe().ToLowerInvariant()})"))}");
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();

        static void WriteLink(XmlWriter xml, string rel, string href, string type)
        {
            xml.WriteStartElement("link", Atom);
            xml.WriteAttributeString("rel", rel);
            xml.WriteAttributeString("type", type);
            xml.WriteAttributeString("href", href);
            xml.WriteEndElement();
        }
    }
}

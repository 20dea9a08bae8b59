namespace Mrv.EventStore.Tests;

/// <summary>A document type registered as filtered: its lists by JSON containment go through an index.</summary>
public sealed class FilteredDocumentTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_filtered_type_finds_its_documents_by_containment_through_the_index()
    {
        for (var i = 0; i < 40; i++)
        {
            var ledger = $"ledger-filtered-{i:00}";
            await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, i % 4 == 0 ? "owner-a" : "owner-b"))]);
        }

        var page = await store.Log.Documents.QueryAsync<LedgerSummary>(new DocumentQuery { Contains = new { owner = "owner-a" }, Limit = 100 });
        page.Items.Select(d => d.Data.LedgerId).ShouldBe([.. Enumerable.Range(0, 10).Select(i => $"ledger-filtered-{i * 4:00}")], ignoreOrder: true);

        // With sequential scans priced out, containment is answered by the GIN index, which only a filtered type has.
        await using var connection = await store.AdminDataSource.OpenConnectionAsync();
        await using (var off = new Npgsql.NpgsqlCommand("set enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
        string Plan(string table)
        {
            using var explain = new Npgsql.NpgsqlCommand($"explain select id from readmodels.{table} where data @> '{{\"owner\": \"owner-a\"}}'", connection);
            using var reader = explain.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read()) lines.Add(reader.GetString(0));
            return string.Join("\n", lines);
        }
        Plan("ledger_summary").ShouldContain("ledger_summary_data");
        Plan("ledger_balances").ShouldNotContain("_data", customMessage: "a type not registered as filtered has no index to pay for on every write");
    }
}

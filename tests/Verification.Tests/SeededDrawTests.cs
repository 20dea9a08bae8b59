using System.Security.Cryptography;
using System.Text;
using Mrv.Verification.Assignment;

namespace Mrv.Verification.Tests;

public sealed class SeededDrawTests
{
    static readonly string[] Agencies = ["agency-a", "agency-b", "agency-c", "agency-d"];

    [Fact]
    public void re_running_a_draw_with_its_recorded_seed_gives_the_same_agency_whatever_the_list_order()
    {
        var seed = SeededDraw.NewSeed();
        var drawn = SeededDraw.PickOne(seed, Agencies);

        SeededDraw.PickOne(seed, Agencies.Reverse()).ShouldBe(drawn);
        SeededDraw.PickOne(seed, ["agency-c", "agency-a", "agency-d", "agency-b"]).ShouldBe(drawn);
    }

    [Fact]
    public void the_rank_is_plain_sha256_so_anyone_can_check_a_draw()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("2026-seed\0agency-b")));

        SeededDraw.Rank("2026-seed", "agency-b").ShouldBe(expected);
        var lowest = Agencies.OrderBy(a => SeededDraw.Rank("2026-seed", a), StringComparer.Ordinal).First();
        SeededDraw.PickOne("2026-seed", Agencies).ShouldBe(lowest);
    }

    [Fact]
    public void over_many_seeds_every_eligible_agency_is_drawn_about_equally_often()
    {
        var counts = Agencies.ToDictionary(a => a, _ => 0);
        for (var i = 0; i < 8000; i++) counts[SeededDraw.PickOne($"seed-{i}", Agencies)!]++;

        // 2,000 expected each; ±10% is over 5 standard deviations, so a fair draw never fails this.
        counts.Values.ShouldAllBe(c => c > 1800 && c < 2200);
    }

    [Fact]
    public void a_spot_check_sample_has_distinct_members_and_is_reproducible()
    {
        var engagements = Enumerable.Range(1, 50).Select(i => $"engagement-{i:D3}").ToList();

        var sample = SeededDraw.Pick("spot-check-2026", engagements, 5);

        sample.Count.ShouldBe(5);
        sample.Distinct().Count().ShouldBe(5);
        SeededDraw.Pick("spot-check-2026", engagements.AsEnumerable().Reverse(), 5).ShouldBe(sample);
        SeededDraw.Pick("spot-check-2027", engagements, 5).ShouldNotBe(sample);
    }

    [Fact]
    public void nobody_is_drawn_from_an_empty_list()
    {
        SeededDraw.PickOne("any", []).ShouldBeNull();
    }
}

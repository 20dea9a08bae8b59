using System.Net;
using System.Net.Http.Json;
using Mrv.EventStore;
using Mrv.Registry.Auth;

namespace Mrv.Registry.Tests.Admin;

/// <summary>A registry with one more projection that cannot apply the creation of a user called "poison-user".</summary>
public sealed class PoisonedRegistryFixture : RegistryFixture
{
    public sealed class RefusesPoisonUser : AsyncProjection
    {
        public override string Name => "refuses_poison_user";
        public override IReadOnlyCollection<Type> EventTypes => [typeof(UserCreated)];
        public override IReadOnlyCollection<Type> DocumentTypes => [];

        public override Task ApplyAsync(DocumentSession session, IReadOnlyList<StoredEvent> events, CancellationToken ct) =>
            events.Any(e => ((UserCreated)e.Data).Username == "poison-user")
                ? throw new InvalidOperationException("this projection cannot take poison-user")
                : Task.CompletedTask;
    }

    protected override IReadOnlyList<AsyncProjection> ExtraProjections() => [new RefusesPoisonUser()];
}

public sealed class DeadLetterApiTests(PoisonedRegistryFixture registry) : IClassFixture<PoisonedRegistryFixture>
{
    [Fact]
    public async Task the_drc_lists_retries_and_skips_dead_letters_while_projections_carry_on()
    {
        var drc = await registry.ClientAsync("drc");
        await drc.PostAsJsonAsync("/api/v1/users", new { username = "poison-user", password = "password-123", role = "drc" });
        await drc.PostAsJsonAsync("/api/v1/users", new { username = "healthy-user", password = "password-123", role = "drc" });
        await registry.WaitForProjectionsAsync();

        var letters = await (await drc.GetAsync("/api/v1/admin/projections/dead-letters?status=open")).JsonAsync();
        var letter = letters.EnumerateArray().Single();
        letter.GetProperty("projection").GetString().ShouldBe("refuses_poison_user");
        letter.GetProperty("streamId").GetString().ShouldBe("user-poison-user");
        letter.GetProperty("error").GetString()!.ShouldContain("cannot take poison-user");
        var id = letter.GetProperty("id").GetInt64();

        var list = await (await drc.GetAsync("/api/v1/admin/projections")).JsonAsync();
        var status = list.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "refuses_poison_user");
        status.GetProperty("openDeadLetters").GetInt64().ShouldBe(1);
        status.GetProperty("lagEvents").GetInt64().ShouldBe(0);

        var retried = await (await drc.PostAsync($"/api/v1/admin/projections/dead-letters/{id}/retry", null)).JsonAsync();
        retried.GetProperty("status").GetString().ShouldBe("open");
        retried.GetProperty("attempts").GetInt32().ShouldBe(2);

        var skipped = await (await drc.PostAsync($"/api/v1/admin/projections/dead-letters/{id}/skip", null)).JsonAsync();
        skipped.GetProperty("status").GetString().ShouldBe("skipped");
        skipped.GetProperty("resolvedBy").GetString().ShouldBe("drc");
        await (await drc.PostAsync($"/api/v1/admin/projections/dead-letters/{id}/skip", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FhirApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActionPlans_TeamId",
                table: "ActionPlans");

            migrationBuilder.AddColumn<int>(
                name: "Scope",
                table: "DirectoryApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentCompletions_TeamId_CompletedAt",
                table: "InstrumentCompletions",
                columns: new[] { "TeamId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPlans_TeamId_CreatedAt",
                table: "CrisisPlans",
                columns: new[] { "TeamId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeConsent_TeamId_GivenAt",
                table: "CriminalJusticeConsent",
                columns: new[] { "TeamId", "GivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Consents_PersonId_GivenAt",
                table: "Consents",
                columns: new[] { "PersonId", "GivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Consents_TeamId_GivenAt",
                table: "Consents",
                columns: new[] { "TeamId", "GivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_TeamId_StartsAt",
                table: "Appointments",
                columns: new[] { "TeamId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlans_TeamId_CreatedAt",
                table: "ActionPlans",
                columns: new[] { "TeamId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InstrumentCompletions_TeamId_CompletedAt",
                table: "InstrumentCompletions");

            migrationBuilder.DropIndex(
                name: "IX_CrisisPlans_TeamId_CreatedAt",
                table: "CrisisPlans");

            migrationBuilder.DropIndex(
                name: "IX_CriminalJusticeConsent_TeamId_GivenAt",
                table: "CriminalJusticeConsent");

            migrationBuilder.DropIndex(
                name: "IX_Consents_PersonId_GivenAt",
                table: "Consents");

            migrationBuilder.DropIndex(
                name: "IX_Consents_TeamId_GivenAt",
                table: "Consents");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_TeamId_StartsAt",
                table: "Appointments");

            migrationBuilder.DropIndex(
                name: "IX_ActionPlans_TeamId_CreatedAt",
                table: "ActionPlans");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "DirectoryApiKeys");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlans_TeamId",
                table: "ActionPlans",
                column: "TeamId");
        }
    }
}

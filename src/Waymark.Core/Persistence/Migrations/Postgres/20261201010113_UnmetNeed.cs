using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UnmetNeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UnmetNeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Need = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnmetNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnmetNeeds_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_TeamId_CreatedAt",
                table: "Referrals",
                columns: new[] { "TeamId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReports_TeamId_SentAt",
                table: "LiaisonReports",
                columns: new[] { "TeamId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UnmetNeeds_EpisodeId_RecordedAt",
                table: "UnmetNeeds",
                columns: new[] { "EpisodeId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UnmetNeeds_PersonId",
                table: "UnmetNeeds",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_UnmetNeeds_TeamId_RecordedAt",
                table: "UnmetNeeds",
                columns: new[] { "TeamId", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UnmetNeeds");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_TeamId_CreatedAt",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_LiaisonReports_TeamId_SentAt",
                table: "LiaisonReports");
        }
    }
}

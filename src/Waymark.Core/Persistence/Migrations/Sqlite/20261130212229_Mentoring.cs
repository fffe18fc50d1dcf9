using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Mentoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MentoringPairings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MentorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AgreedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SharesActionPlan = table.Column<bool>(type: "INTEGER", nullable: false),
                    SharesCrisisPlan = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentoringPairings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MentoringPairings_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MentoringPairings_PersonId",
                table: "MentoringPairings",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_MentoringPairings_TeamId_EndedAt_StartedAt",
                table: "MentoringPairings",
                columns: new[] { "TeamId", "EndedAt", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MentoringPairings_TeamId_MentorUserId_EndedAt",
                table: "MentoringPairings",
                columns: new[] { "TeamId", "MentorUserId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MentoringPairings_TeamId_PersonId",
                table: "MentoringPairings",
                columns: new[] { "TeamId", "PersonId" },
                unique: true,
                filter: "\"EndedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MentoringPairings");
        }
    }
}

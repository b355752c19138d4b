-- A reopened case runs a new resolution clock beside the one its first resolution met or breached:
-- rounds 1, 2, ... of a case's target, each kept as it ended for auditors.
ALTER TABLE sla_clock ADD COLUMN clock_round INT DEFAULT 1 NOT NULL;
ALTER TABLE sla_clock DROP CONSTRAINT uq_sla_clock_case_target;
ALTER TABLE sla_clock ADD CONSTRAINT uq_sla_clock_case_target_round UNIQUE (case_reference, target, clock_round);

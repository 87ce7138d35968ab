import { Badge, Card, Progress, Table, Text, Title } from '@mantine/core';
import type { Schemas } from '../api/client';
import { DataTable } from './data-table';
import { when } from './labels';
import { Empty } from './states';

type Job = Schemas['JobDto'];

/** Whether a job may still change (its page keeps polling it). */
export const isJobRunning = (job: Job) => job.status === 'PENDING' || job.status === 'WORKING';
const percent = (job: Job) => (job.itemCount === 0 ? 100 : Math.round((job.processed / job.itemCount) * 100));

/** A job's progress and its messages (rejected lines, warnings), as its page and the import page show them. */
export function JobDetails({ job }: { job: Job }) {
  return (
    <>
      <Card withBorder>
        <JobProgress job={job} size="lg" />
        <Text mt="xs" data-testid="job-progress">
          {job.processed} of {job.itemCount} lines handled · added {when(job.added)} · started {when(job.started)} · finished {when(job.finished)}
        </Text>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Rejected lines and other messages
        </Title>
        {job.messages.length === 0 ? (
          <Empty>No line was rejected.</Empty>
        ) : (
          <DataTable data-testid="job-messages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Line</Table.Th>
                <Table.Th>Item</Table.Th>
                <Table.Th>Code</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {job.messages.map((m, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{m.line ?? 'job'}</Table.Td>
                  <Table.Td>{m.item || '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="red">
                      {m.code}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{m.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
        )}
      </Card>
    </>
  );
}

/** A job's progress bar, named for screen readers. */
export function JobProgress({ job, size }: { job: Job; size?: 'lg' }) {
  return (
    <Progress.Root size={size}>
      <Progress.Section value={percent(job)} animated={isJobRunning(job)} aria-label={`Job #${job.id}: ${job.processed} of ${job.itemCount} lines handled`} />
    </Progress.Root>
  );
}

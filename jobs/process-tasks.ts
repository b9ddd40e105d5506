import type { Job } from '../web/runtime/job';
import { processDueTasks } from '../web/runtime/process-due-tasks';

export const processTasksJob: Job = {
  name: 'process-tasks',
  // Every second: a claimer keeps going while work is due, so this only bounds the wait of a lone task.
  schedule: '* * * * * *',
  run: (context) => processDueTasks(context),
};

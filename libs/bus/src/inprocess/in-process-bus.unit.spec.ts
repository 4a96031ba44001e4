import { describeBusContract } from '../testing';
import { InProcessBus } from './in-process-bus';

describeBusContract('inprocess', async () => new InProcessBus({ partitions: 4 }));

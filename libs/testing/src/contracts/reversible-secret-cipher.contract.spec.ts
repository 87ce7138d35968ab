import { ReversibleSecretCipher } from '../fakes/reversible-secret-cipher.fake';
import { describeSecretCipherContract } from './secret-cipher.contract';

// The fake the dispatcher's unit tests run on keeps the promises of the AES-GCM adapter, which
// runs the same suite in the API.
describeSecretCipherContract('reversible fake', (current, previous = []) => new ReversibleSecretCipher(current, previous));
